"""What every page shares: the commune itself, the layout, the language switch, the home page."""
