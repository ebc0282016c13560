"""The change detector reports every foreign commit and none of the workspace's own."""

from pmdesk.services.workspaces import data_version_watcher, open_services


def test_foreign_commits_are_seen_even_when_an_own_write_follows(services):
    watcher = data_version_watcher(services)
    other = open_services(services.workspace.location)
    try:
        services.products.create_product("Mine")
        assert not watcher.changed()
        other.products.create_product("Theirs")
        services.products.create_product("Mine again")
        assert watcher.changed()
        assert not watcher.changed()
        services.products.create_product("Mine once more")
        assert not watcher.changed()
    finally:
        other.workspace.close()
        watcher.close()
