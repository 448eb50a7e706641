from wagtail import hooks

from engagement.legacy.redirects import serve_wordpress_query

hooks.register("before_serve_page", serve_wordpress_query)
