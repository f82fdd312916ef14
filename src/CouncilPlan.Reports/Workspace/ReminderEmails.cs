using System.Globalization;
using System.Text;
using CouncilPlan.Core.Reminders;

namespace CouncilPlan.Reports.Workspace;

/// <summary>
/// The reminder and overdue emails, in plain words in the GOV.UK style: what is due, by when, and a
/// link to each update in the workspace at <see cref="ReminderSettings.SiteBaseUrl"/>.
/// </summary>
public static class ReminderEmails
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The writer a <see cref="ReminderRun"/> takes, linking to the site these settings name.</summary>
    public static Func<ReminderLetter, EmailMessage> Writer(ReminderSettings settings) =>
        letter => Write(letter, settings.SiteBaseUrl);

    public static EmailMessage Write(ReminderLetter letter, Uri? site)
    {
        var period = letter.Period;
        var due = period.Due.ToString("dddd d MMMM yyyy", EnGb);
        var root = site?.ToString().TrimEnd('/') ?? "";
        var count = letter.Items.Count == 1 ? "1 update" : $"{letter.Items.Count} updates";
        var body = new StringBuilder();
        body.Append(EnGb, $"Dear {letter.Name},\n\n");
        if (letter.Kind == ReminderKind.Reminder)
        {
            body.Append(EnGb, $"Your {period.Quarter} updates are due by {due}. You have {count} still to do:\n\n");
        }
        else
        {
            body.Append(EnGb, $"These {period.Quarter} updates were due on {due} and have not been submitted yet ({count}):\n\n");
        }

        foreach (var item in letter.Items)
        {
            body.Append(EnGb, $"{item.Reference}: {item.Title}\nStatus: {DueWords.Status(item)}\n{root}{WorkspaceLinks.For(item)}\n\n");
        }

        if (letter.Kind == ReminderKind.Reminder)
        {
            body.Append("If you have already submitted them, thank you: you do not need to do anything.\n\n");
        }
        else
        {
            body.Append(letter.Approver
                ? "You are getting this because you own these updates or approve your service's updates.\n\n"
                : "Please submit them as soon as you can.\n\n");
            body.Append("If you cannot, tell the performance team why and when you expect to.\n\n");
        }

        body.Append(EnGb, $"Everything due from you is in your workspace: {root}{WorkspaceLinks.Home}\n\n");
        body.Append("This email was sent automatically by CouncilPlan. Do not reply to it.\n");
        var subject = letter.Kind == ReminderKind.Reminder
            ? $"Reminder: your {period.Quarter} updates are due by {period.Due.ToString("d MMMM yyyy", EnGb)}"
            : $"Overdue: {period.Quarter} updates were due on {period.Due.ToString("d MMMM yyyy", EnGb)}";
        return new EmailMessage(letter.Email, letter.Name, subject, body.ToString());
    }
}
