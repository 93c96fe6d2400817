"""Entry.licence: the terms under which partners may re-broadcast a winning work.

Entries made before the field existed never chose; they get the terms that grant
nothing ("All rights reserved: contact the outlet"), which their entrants (of a
draft) may still change.
"""

from django.conf import settings
from django.db import migrations, models


def contact_the_outlet(apps, schema_editor):
    Entry = apps.get_model("awards", "Entry")
    Entry.objects.filter(licence="").update(licence="contact-outlet")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_preferred_language'),
        ('awards', '0011_certificates_for_published_results'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='entry',
            name='awards_entry_submitted_is_complete',
        ),
        migrations.AddField(
            model_name='entry',
            name='licence',
            field=models.CharField(blank=True, choices=[('cc-by-4.0', 'CC BY 4.0 (attribution)'), ('cc-by-sa-4.0', 'CC BY-SA 4.0 (attribution, share alike)'), ('cc-by-nc-4.0', 'CC BY-NC 4.0 (attribution, non-commercial)'), ('cc-by-nc-nd-4.0', 'CC BY-NC-ND 4.0 (attribution, non-commercial, no derivatives)'), ('contact-outlet', 'All rights reserved: contact the outlet')], help_text='The terms under which partner broadcasters may re-broadcast the work if it wins.', max_length=20, verbose_name='licence for partners'),
        ),
        migrations.RunPython(contact_the_outlet, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(('state', 'draft'), models.Q(('consents_to_publish', True), ('declares_original_work', True), ('declares_right_to_submit', True), ('language__isnull', False), ('published_on__isnull', False), ('reference__isnull', False), ('submitted_at__isnull', False), models.Q(('ai_use', ''), _negated=True), models.Q(('licence', ''), _negated=True)), _connector='OR'), name='awards_entry_submitted_is_complete'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(('licence__in', ['', 'cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'cc-by-nc-nd-4.0', 'contact-outlet'])), name='awards_entry_licence_valid'),
        ),
    ]
