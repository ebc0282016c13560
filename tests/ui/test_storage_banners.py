"""Workspaces on read-only media, and a daily backup that could not be made."""

from __future__ import annotations

import shutil

from pmdesk.services.workspaces import new_services, open_services
from pmdesk.ui.main_window import MainWindow
from tests.disks import fill, make_read_only, small_disk


def test_a_workspace_on_read_only_media_opens_with_the_read_only_banner(qtbot, tmp_path):
    source = tmp_path / "w.pmdesk"
    new_services(source, sample=True).workspace.close()
    with small_disk(tmp_path / "stick", 2048) as stick:
        shutil.copy(source, stick / "w.pmdesk")
        make_read_only(stick)
        services = open_services(stick / "w.pmdesk")
        win = MainWindow(services)
        qtbot.addWidget(win)
        assert "w.pmdesk is read-only: you can browse and export" in win.banner.text()
        assert not win.banner_row.isHidden()
        assert win.product_selector.count() >= 1
        win.close()
        services.workspace.close()
        assert sorted(p.name for p in stick.iterdir()) == ["w.pmdesk"]


def test_a_daily_backup_that_cannot_be_made_is_shown_but_does_not_block(qtbot, tmp_path,
                                                                        private_data_dir):
    source = tmp_path / "w.pmdesk"
    new_services(source, sample=True).workspace.close()
    data = private_data_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    with small_disk(data, 1024) as backups_disk:
        fill(backups_disk)
        services = open_services(source)
        win = MainWindow(services)
        qtbot.addWidget(win)
        assert "Today's backup copy could not be made" in win.banner.text()
        assert "is full" in win.banner.text()
        assert not services.read_only
        win.close()
        services.workspace.close()
