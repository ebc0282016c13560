"""The one-pager's progress table shows each initiative's P85 forecast, red when late."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from reportlab.lib.pagesizes import A4

from pmdesk import documents
from pmdesk.domain.flow_forecast import Forecast, InitiativeForecast
from pmdesk.export import build_onepager
from pmdesk.export.onepager_parts import _forecast_cell
from pmdesk.export.style import INK, MUTED, RED
from tests.samples import sample_workspace
from tests.unit.export.helpers import Pdf
from tests.unit.export.test_onepager import assert_fits_one_page

NOW = datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def sample(tmp_path):
    with sample_workspace(tmp_path, NOW) as services:
        yield services


def test_the_sample_one_pager_keeps_one_page_with_a_forecast_column(sample):
    product = sample.products.list_products()[0]
    pdf = Pdf.of(documents.onepager_pdf(sample, product.id, A4))
    assert_fits_one_page(pdf)
    assert "Forecast" in pdf.text
    data = sample.reports.onepager(product.id)
    forecasts = sample.flow.forecasts(product.id)
    shown = [v for v in data.active if forecasts.get(v.id) and forecasts[v.id].forecast]
    assert shown  # the sample has history enough to forecast its initiatives
    without = Pdf.of(build_onepager(data, A4)).text
    assert without.count("–") > pdf.text.count("–")  # the dashes became dates


def test_a_p85_after_the_end_date_is_red_and_none_is_a_dash(sample):
    product = sample.products.list_products()[0]
    data = sample.reports.onepager(product.id)
    view = next(v for v in data.active if v.initiative.end_date)
    end = view.initiative.end_date

    def cell(p85: date) -> tuple[str, object]:
        forecast = Forecast(3, p85, p85, p85, 0.5, end)
        return _forecast_cell(replace(data, forecasts={
            view.id: InitiativeForecast(view.id, forecast)}), view)

    assert cell(end) == (f"{end.day} {end.strftime('%b')}", INK)
    late = date.fromordinal(end.toordinal() + 1)
    assert cell(late)[1] == RED
    assert _forecast_cell(data, view) == ("–", MUTED)
    refused = replace(data, forecasts={view.id: InitiativeForecast(view.id, None, "Too little")})
    assert _forecast_cell(refused, view) == ("–", MUTED)
