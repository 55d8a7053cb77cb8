return await Berth.Cli.CliApplication.RunAsync(args);
