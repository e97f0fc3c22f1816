from escalation_cli.cli import main

main()
