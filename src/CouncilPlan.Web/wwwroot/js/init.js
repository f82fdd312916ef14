// Marks the page as able to run GOV.UK Frontend's scripts; without JavaScript every page still works.
document.body.className += ' govuk-frontend-supported';
