"""python manage.py create_editor USERNAME : an account for Django admin in the Editors group."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from statements.editors import ensure_editors_group


class Command(BaseCommand):
    help = "Create (or reset the password of) an editor: staff, in the Editors group, not a superuser."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env", metavar="VAR", help="read the password from this environment variable"
        )

    def handle(self, *args, username, email, password_from_env, **options):
        username = username or input("Username: ").strip()
        if not username:
            raise CommandError("a username is needed")
        if password_from_env:
            password = os.environ.get(password_from_env, "")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("the passwords differ")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        try:
            validate_password(password, user)
        except ValidationError as error:
            if created:
                user.delete()
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(ensure_editors_group())
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} editor {username!r}; log in at /admin/."))
