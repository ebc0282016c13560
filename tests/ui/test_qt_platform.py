"""Before the window opens, a missing library or a silent display is one clear sentence."""

import os
import subprocess
import sys

import pytest

from pmdesk.ui import qt_platform
from tests.integration.cli import ROOT


def test_missing_plugin_libraries_are_named_as_packages(monkeypatch, tmp_path):
    monkeypatch.setattr(qt_platform, "unresolved_libraries",
                        lambda plugin: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    problem = qt_platform.platform_problem({"DISPLAY": ":0"}, tmp_path)
    assert problem is not None
    assert "missing: libxcb-icccm4 libxcb-keysyms1" in problem
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem


def test_a_display_that_does_not_answer_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(qt_platform, "unresolved_libraries", lambda plugin: [])
    problem = qt_platform.platform_problem({"DISPLAY": ":97"}, tmp_path)
    assert problem is not None and problem.startswith("no display at :97, so the window")


def test_a_silent_wayland_compositor_falls_back_to_x11(monkeypatch, tmp_path):
    monkeypatch.setattr(qt_platform, "unresolved_libraries", lambda plugin: [])
    monkeypatch.setattr(qt_platform, "display_answers", lambda platform, env: platform == "xcb")
    env = {"WAYLAND_DISPLAY": "wayland-9", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert qt_platform.candidate_platforms(env) == ["wayland", "xcb"]
    assert qt_platform.platform_problem(env, tmp_path) is None


def test_offscreen_and_other_platforms_are_left_to_qt(tmp_path):
    assert qt_platform.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, tmp_path) is None


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["xcb", "wayland"])
def test_the_app_says_why_no_window_opens_instead_of_aborting(tmp_path, platform):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": platform,
           "DISPLAY": ":97", "WAYLAND_DISPLAY": "pmdesk-test-none"}
    result = subprocess.run([sys.executable, "-m", "pmdesk", str(tmp_path / "w.pmdesk")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    wanted = "no display at :97" if platform == "xcb" else "no display at pmdesk-test-none"
    assert lines[0].startswith("pmdesk: ")
    assert "packages that are missing" in lines[0] or wanted in lines[0]
