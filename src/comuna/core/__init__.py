"""What every page shares: the commune itself, the layout, the language switch, the form page
and the house style of printed documents. Core imports none of the apps (an import-linter
contract in pyproject.toml): they build on it."""
