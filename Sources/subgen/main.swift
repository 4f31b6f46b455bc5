import SubgenCLI

SubgenCommand.main()
