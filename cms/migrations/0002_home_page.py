from django.db import migrations


def create_home(apps, schema_editor):
    # Historical models lack treebeard's methods, so the tree is written by hand here.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")
    if HomePage.objects.exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Page.objects.filter(depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title="Chợ OCOP Điện Biên",
        draft_title="Chợ OCOP Điện Biên",
        slug="home",
        content_type=content_type,
        path=root.path + "0002",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        intro="Sản phẩm OCOP chính gốc từ bản làng Điện Biên, giao tận nhà trên cả nước.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk, "site_name": "Chợ OCOP Điện Biên"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
