"""Where each page type may be made (on an empty tree: the shared public site of
test_pages would already hold the one home page)."""

import pytest
from wagtail.models import Page

from cms.models import AwardPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_page_types_are_placed_where_they_belong():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert StandardPage.allowed_parent_page_models() == [
        HomePage,
        StandardPage,
        AwardPage,
    ]
    assert AwardPage.allowed_subpage_models() == [StandardPage]
    assert HomePage.can_create_at(Page.get_first_root_node())
