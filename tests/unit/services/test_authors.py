"""Every event records who made it: the OS user on a file, the login on a server, or the
display name chosen in the preferences."""

from __future__ import annotations

import getpass

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from pmdesk.domain.enums import Entity
from pmdesk.store import tables as t
from pmdesk.store.identity import os_user_name


def _authors(services) -> list[str]:
    with services.workspace.engine.connect() as conn:
        return list(conn.execute(sa.select(t.event.c.author).order_by(t.event.c.id)).scalars())


def _full_name() -> str:
    try:
        import pwd

        return pwd.getpwnam(getpass.getuser()).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        return ""


def test_events_record_the_login_by_default(services, backend):
    product = services.products.create_product("Shop").value
    authors = _authors(services)
    assert authors and set(authors) == {services.workspace.login}
    if backend == "postgresql":
        url_user = make_url(services.workspace.location).username
        assert url_user and services.workspace.login == url_user
    else:
        assert services.workspace.login == os_user_name()
        assert os_user_name() in (getpass.getuser(), _full_name())
    events = services.history.for_item(Entity.PRODUCT, product.id)
    assert events[0].author == services.workspace.login


def test_a_display_name_takes_the_place_of_the_login(services):
    product = services.products.create_product("Shop").value
    services.workspace.display_name = "Zofia"
    services.products.update_product(product.id, name="Shop 2")
    events = services.history.for_item(Entity.PRODUCT, product.id)
    assert [e.author for e in events] == [services.workspace.login, "Zofia"]
    since = services.history.since(product.id, events[0].at)
    assert since[0].author == "Zofia"


def test_a_blank_display_name_falls_back_to_the_login(services):
    services.workspace.display_name = "   "
    assert services.workspace.author == services.workspace.login
