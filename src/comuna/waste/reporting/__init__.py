"""The month's report of a waste-collection enterprise, its letter to an institution, and the
public figures.

Read-only over the waste models and the books:

- ``selectors``: the month's figures (kg, points served and the days each waited, litres,
  litres per tonne, the ration received against the litres to serve every point), by day and
  by council, and the commune's public aggregates;
- ``estimate``: what a larger ration would serve, by a stated proportional method;
- ``documents``: the report and the letter as PDFs (``comuna.core.pdf``);
- ``views``, ``forms``: the pages at ``/recoleccion/mes/<yyyy-mm>/``.
"""
