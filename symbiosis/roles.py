"""The secretariat's roles, as groups of permissions.

Created and kept in step by data migrations (symbiosis/migrations): a migration that
adds a model calls `sync_roles` again so the new model lands in the right roles. Staff
get a role by being put in its group (Users › the user › Groups); give a person
several roles by putting them in several groups.
"""

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# Group names are data the secretariat reads in the admin: Danish.
EDITOR = "Redaktør"  # editor
PRESS = "Presse"  # press
DATA = "Data"  # partners and flows
ADMINISTRATOR = "Administrator"  # users and everything

# Group name → {"app_label.model": actions}. A role sees (view) what it links to and
# edits (add, change, delete) what it owns.
ROLES = {
    # Pages, news, events, the timeline, projects and the network.
    EDITOR: {
        "pages.page": ALL,
        "news.article": ALL,
        "news.event": ALL,
        "news.session": ALL,
        "news.speaker": ALL,
        "timeline.milestone": ALL,
        "projects.project": ALL,
        "projects.funding": ALL,
        "projects.participant": ALL,
        "network.symbiosis": ALL,
        "partners.boardseat": ALL,
        "partners.partner": VIEW,
        "partners.person": VIEW,
        "exchanges.flow": VIEW,
        "exchanges.resource": VIEW,
    },
    # Press assets, press releases (articles) and the press contacts (people).
    PRESS: {
        "news.pressasset": ALL,
        "news.article": ALL,
        "partners.person": ("view", "change"),
        "partners.partner": VIEW,
        "exchanges.flow": VIEW,
    },
    # Partners, people and the flows with their yearly figures.
    DATA: {
        "partners.partner": ALL,
        "partners.person": ALL,
        "partners.formername": ALL,
        "partners.boardseat": ALL,
        "exchanges.resource": ALL,
        "exchanges.flow": ALL,
        "exchanges.flowfigure": ALL,
        "exchanges.impactstatement": ALL,
        # The partners' workspace: who has access, the yearly data round, profile changes.
        "workspace.membership": ALL,
        "workspace.invitation": ALL,
        "workspace.profilechange": ALL,
        "workspace.dataround": ALL,
        "workspace.answer": ALL,
        "workspace.reportedfigure": ALL,
        "workspace.annualreport": VIEW,
    },
}


def sync_roles(apps, schema_editor=None):
    """Create the groups and give each exactly its permissions; the administrator
    group gets every permission there is (users and groups included)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; make sure they
    # exist now, for the models this migration knows.
    for app_config in apps.get_app_configs():
        # A migration's app configs have no models module; create_permissions skips
        # such apps. Lend one for the call, and give back what was there.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for label, actions in grants.items():
            app_label, model = label.split(".")
            try:
                apps.get_model(app_label, model)
            except LookupError:
                # An app that comes later in the migrations (the partners' workspace):
                # its own first migration syncs the roles again.
                continue
            codenames = [f"{action}_{model}" for action in actions]
            found = list(
                Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            if len(found) != len(codenames):
                raise LookupError(f"Missing permissions for {label}: migrate that app first.")
            wanted += found
        group.permissions.set(wanted)
    administrator, _created = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.all())
