using System.Diagnostics;
using Xunit;

namespace CouncilPlan.Testing;

/// <summary>The poppler-utils programs the PDF tests read a PDF back with (pdfinfo, pdftotext, pdftoppm, pdfimages).</summary>
public static class Poppler
{
    /// <summary>Runs one (./test.sh installs them) and returns what it printed; a failure is the test's failure.</summary>
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing: install it with 'sudo apt-get install poppler-utils' (./test.sh does this).", e);
        }

        using (process)
        {
            // Both streams at once, so a program that fills one while the other is read cannot hang.
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
            return await output;
        }
    }
}
