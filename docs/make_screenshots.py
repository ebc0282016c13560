"""Regenerate the screenshots in docs/ from a fresh sample workspace.

Run from the repository root: python docs/make_screenshots.py   (needs pdftoppm for the
one-pager image). The window is rendered offscreen at 1600×950.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DOCS = Path(__file__).resolve().parent


def main() -> None:
    home = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from pmdesk import documents, export
    from pmdesk.services.workspaces import new_services
    from pmdesk.ui.main_window import MainWindow

    services = new_services(home / "Sample.pmdesk", sample=True)
    window = MainWindow(services)
    window.resize(1600, 950)
    window.show()
    for index, name in enumerate(("product", "roadmap", "board")):
        window.tabs.setCurrentIndex(index)
        for _ in range(5):
            app.processEvents()
        forecasts = getattr(window.tabs.widget(index), "forecasts", None)
        while forecasts is not None and forecasts.busy:  # the roadmap's whiskers, drawn
            forecasts.wait()
            for _ in range(5):
                app.processEvents()
        window.grab().save(str(DOCS / f"{name}.png"))
    board_page = window.tabs.widget(2)
    board_page.show_flow(True)
    for _ in range(10):
        app.processEvents()
    window.grab().save(str(DOCS / "flow.png"))
    board_page.show_flow(False)
    product_id = window.current_product_id()
    assert product_id is not None
    pdf = home / "onepager.pdf"
    export.write_atomically(pdf, documents.onepager_pdf(services, product_id))
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf),
                    str(DOCS / "onepager")], check=True)
    roadmap_pdf = home / "roadmap.pdf"
    export.write_atomically(roadmap_pdf, documents.roadmap_pdf(services, product_id))
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-singlefile", str(roadmap_pdf),
                    str(DOCS / "roadmap-pdf")], check=True)
    roadmap_page = window.roadmap_page()  # compared with three months ago: ghosts, slips
    window.tabs.setCurrentWidget(roadmap_page)
    roadmap_page.comparison.choose("ago:3")
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(DOCS / "compare.png"))
    slips = documents.slip_report(services, product_id, roadmap_page.comparison.comparison)
    roadmap_page.comparison.choose("")
    slips_pdf = home / "slips.pdf"
    export.write_atomically(slips_pdf, export.build_slip_report(slips))
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(slips_pdf),
                    str(DOCS / "slips")], check=True)
    window.close()
    services.workspace.close()


if __name__ == "__main__":
    main()
