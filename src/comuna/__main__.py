from comuna.cli import main

main()
