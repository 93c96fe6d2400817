"""Entry.media_url: an optional video or audio link the public page embeds."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0012_entry_licence'),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='media_url',
            field=models.URLField(blank=True, help_text='The work on YouTube, Vimeo, SoundCloud or another service that allows embedding; the public page plays it if the work wins.', max_length=500, verbose_name='video or audio link'),
        ),
    ]
