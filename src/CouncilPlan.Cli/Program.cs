using CouncilPlan.Cli;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();

return await CommandLine.RunAsync(args, new CliContext(configuration, Console.Out, Console.Error, TimeProvider.System));
