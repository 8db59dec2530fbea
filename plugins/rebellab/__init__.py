"""The site's Pelican plugins, one subpackage per capability, under one parent name.

Layers point down only: ``kernel`` (YAML with lines, field readers, problems, references,
vocabularies, "today") imports no capability; ``sitebase`` (Markdown, dates, feeds, sitemap)
imports the kernel; ``events`` imports both; ``library`` imports events; ``directory``
imports library; ``search`` indexes the written site; ``lab`` is the one place that
composes the whole lab from every capability's loader.
"""
