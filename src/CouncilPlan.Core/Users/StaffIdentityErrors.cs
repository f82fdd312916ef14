using Microsoft.AspNetCore.Identity;

namespace CouncilPlan.Core.Users;

/// <summary>Identity's error messages in the GOV.UK Design System's words: what is wrong and how to put it right.</summary>
public sealed class StaffIdentityErrors : IdentityErrorDescriber
{
    public const string PasswordTooLongCode = "PasswordTooLong";

    public const string PasswordTooCommonCode = "PasswordTooCommon";

    public const string PasswordIsTheExampleCode = "PasswordIsTheExample";

    public const string PasswordHasPersonalCode = "PasswordContainsPersonalDetails";

    public const string PasswordHasCouncilCode = "PasswordContainsCouncilName";

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Password must be {length} characters or more" };

    public static IdentityError PasswordTooLong(int length) =>
        new() { Code = PasswordTooLongCode, Description = $"Password must be {length} characters or fewer" };

    public static IdentityError PasswordTooCommon() =>
        new() { Code = PasswordTooCommonCode, Description = "Password is too easy to guess: try three random words of your own" };

    public static IdentityError PasswordIsTheExample(string example) =>
        new() { Code = PasswordIsTheExampleCode, Description = $"Password must not be the example ‘{example}’: choose three random words of your own" };

    public static IdentityError PasswordHasPersonalDetails() =>
        new() { Code = PasswordHasPersonalCode, Description = "Password must not contain your name or email address" };

    public static IdentityError PasswordHasCouncilName() =>
        new() { Code = PasswordHasCouncilCode, Description = "Password must not contain the council’s name" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "The password is not correct" };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"There is already a user with the email address {email}" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"There is already a user with the email address {userName}" };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"‘{email}’ is not an email address: enter one in the correct format, like name@example.gov.uk" };

    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);

    public override IdentityError InvalidRoleName(string? role) =>
        new() { Code = nameof(InvalidRoleName), Description = $"There is no role called ‘{role}’: choose one of {string.Join(", ", Roles.All)}" };

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "The recovery code is not correct or has already been used" };
}
