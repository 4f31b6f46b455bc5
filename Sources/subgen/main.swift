import SubgenCLI

await SubgenCommand.runAsync()
