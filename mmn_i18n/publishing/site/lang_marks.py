"""Text still in English on a translated page is marked lang="en".

Sphinx's Locale transform records on each translatable node whether a
translation replaced it (node["translated"]). Every text node of a
non-English page that was not translated gets the docutils class
"language-en", which the HTML writer turns into the attribute lang="en", so
screen readers switch voice and browsers pick Latin fonts for it.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import is_translatable

ENGLISH_CLASS = "language-en"


class MarkUntranslated(SphinxTransform):
    default_priority = 30  # after Locale (20) and its progress count (25)

    def apply(self, **kwargs) -> None:
        if (self.config.language or "en") == "en" or self.app.builder.name == "gettext":
            return
        marked = list(self.document.findall(lambda n: isinstance(n, nodes.Element) and "translated" in n))
        if not marked:
            # No catalog for this page at all: everything that would be translated is English.
            for section in self.document.findall(nodes.section):
                if section.parent is self.document:
                    section["classes"].append(ENGLISH_CLASS)
            return
        for node in marked:
            if node["translated"] is False and is_translatable(node) and not self._inside_marked(node):
                node["classes"].append(ENGLISH_CLASS)

    @staticmethod
    def _inside_marked(node: nodes.Node) -> bool:
        parent = node.parent
        while parent is not None:
            if ENGLISH_CLASS in getattr(parent, "get", lambda *_: [])("classes", []):
                return True
            parent = parent.parent
        return False


def setup(app: Sphinx) -> dict:
    app.add_transform(MarkUntranslated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
