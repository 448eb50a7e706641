from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.models import Filter
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from engagement.collation import sort_key
from engagement.images import prefetch_renditions
from engagement.models import Project

from .blocks import HomeBodyBlock, NewsBodyBlock
from .forms import NewsPageForm
from .topics import NewsPageTopic, Topic, localized_topics  # noqa: F401


class HomePage(Page):
    """The root page of one locale's tree: the branch's front page."""

    intro = models.CharField(
        _("introduction"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    #: The front page's sections, arranged by editors: text, latest news, next events, figures,
    #: projects, calls to action (:class:`~home.blocks.HomeBodyBlock`).
    body = StreamField(HomeBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class NewsIndexPage(Page):
    """The list of news of one locale: 12 articles a page, filtered by topic, project and year.

    There is one per locale under each home page; its children are :class:`NewsPage` only.
    Filters come from GET parameters (``?topic=slug&project=slug&year=2021&page=2``); an unknown
    value is reported and ignored, so the index is shown unfiltered rather than failing. The
    old ``?tag=slug`` redirects to ``?topic=slug`` (topics were tags before).
    """

    #: Articles per page of the index.
    per_page = 12
    #: The GET parameters the index reads: the language switcher keeps them.
    language_switch_parameters = ("topic", "project", "year", "page")

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two above the list.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        """The live, public articles under this index, newest first."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")
        )

    def get_sitemap_urls(self, request=None):
        """The index, then the list of each topic its live articles have (``?topic=slug``),
        paired with the same topic's list in the other languages by the slug."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base, lastmod = urls[0]["location"], urls[0].get("lastmod")
        slugs = (
            Topic.objects.filter(news_links__page__in=self.news())
            .values_list("slug", flat=True).distinct().order_by("slug")
        )
        return urls + [
            {"location": f"{base}?{urlencode({'topic': slug})}", "lastmod": lastmod,
             "alternate_key": ("topic", slug)}
            for slug in slugs
        ]

    def serve(self, request, *args, **kwargs):
        if request.GET.get("tag", "").strip():
            # Links from before topics (``?tag=slug``): a tag's slug is its topic's slug.
            query = request.GET.copy()
            tag = query.pop("tag")[0].strip()
            query.setdefault("topic", tag)
            target = self.get_url(request) + (f"?{query.urlencode()}" if query else "")
            return HttpResponsePermanentRedirect(target)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .filters import NewsFilter

        context = super().get_context(request, *args, **kwargs)
        news_filter = NewsFilter(request.GET, index=self)
        articles = news_filter.qs.select_related("hero_image").defer_streamfields()
        paginator = Paginator(articles, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        hero_images = [article.hero_image for article in page_obj.object_list]
        prefetch_renditions(hero_images, NewsPage.listing_image_specs)
        context.update(
            {
                "filter": news_filter,
                "articles": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            }
        )
        return context


class NewsPageProject(Orderable):
    """Links an article to a party project.

    A through-model with a ParentalKey rather than a ManyToManyField, because wagtail-localize
    ignores M2M fields: this way the links are copied to the article's translations. The link
    points at the project in whatever locale the editor chose; pages show the project's
    translation in the reader's language (see :meth:`NewsPage.localized_projects`).
    """

    page = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey(
        "engagement.Project", verbose_name=_("party project"), on_delete=models.CASCADE,
        related_name="news_links",
    )

    panels = [FieldPanel("project")]

    class Meta(Orderable.Meta):
        verbose_name = _("party project")
        verbose_name_plural = _("party projects")


class NewsPage(Page):
    """A news article: date, lead, optional hero image, source, topics, projects and a body."""

    #: Renditions of the hero image at the top of the article.
    hero_image_specs = Filter.expand_spec(["format-{avif,webp,jpeg}", "fill-{800x450,1280x720}"])
    #: Renditions of the thumbnail in the index.
    listing_image_specs = Filter.expand_spec(["format-{avif,webp,jpeg}", "fill-320x180"])
    #: The image shared on social networks (OpenGraph, Twitter).
    share_image_spec = "fill-1200x630|format-jpeg"

    date = models.DateField(_("date"), default=timezone.localdate)
    lead = models.TextField(
        _("lead"), blank=True,
        help_text=_("The first paragraph: who, what, where, when. Shown in lists and feeds."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional. Shown above the article and in lists; its alt text is the "
                    "image's title."),
    )
    source_name = models.CharField(
        _("source"), max_length=255, blank=True,
        help_text=_("Where the article was first published, e.g. Karasayinfo.kz."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source")
        ),
        FieldPanel("topics"),
        InlinePanel("project_links", label=_("Party projects")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topic_links", [
            index.RelatedFields("topic", [index.SearchField("name")]),
        ]),
        index.FilterField("date"),
    ]

    base_form_class = NewsPageForm
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def body_images(self):
        """``[(image, specs)]`` for every image block and gallery of the body, in order."""
        found = []
        for block in self.body:
            if block.block_type == "image" and block.value.get("image"):
                found.append((block.value["image"], block.block.specs))
            elif block.block_type == "gallery":
                specs = block.block.rendition_specs(block.value)
                found.extend((image, specs) for image in block.block.gallery_images(block.value))
        return found

    @cached_property
    def share_image(self):
        """The image for social networks: the hero image, else the body's first image."""
        if self.hero_image_id:
            return self.hero_image
        images = self.body_images()
        return images[0][0] if images else None

    def prefetch_renditions(self):
        """Fetch every rendition the article shows (hero, images, galleries) in one query."""
        wanted = self.body_images()
        if self.hero_image_id:
            wanted.append((self.hero_image, self.hero_image_specs))
        if self.share_image is not None:
            wanted.append((self.share_image, [self.share_image_spec]))
        specs = {spec for _image, image_specs in wanted for spec in image_specs}
        prefetch_renditions([image for image, _specs in wanted], specs)

    def localized_projects(self):
        """The article's party projects in the active language, falling back to the linked
        project when it has no translation in that language (two queries)."""
        links = self.project_links.select_related("project")
        keys = [link.project.translation_key for link in links]
        if not keys:
            return []
        active = Locale.get_active()
        projects = {}
        for project in Project.objects.filter(translation_key__in=keys).select_related("locale"):
            current = projects.get(project.translation_key)
            if current is None or project.locale_id == active.pk:
                projects[project.translation_key] = project
        return sorted(projects.values(),
                      key=lambda project: sort_key(project.name, active.language_code))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_renditions()
        context["projects"] = self.localized_projects()
        context["topics"] = localized_topics([self])[self.pk]
        context["news_index"] = self.get_parent()
        return context


# The site identity setting and the contacts page live in their own module.
from .identity import ContactPage, SiteIdentity  # noqa: E402, F401
