"""The gettext side: catalogs read strictly and written verified, templates extracted and merged,
coverage counted, translations checked, the vocabulary and the translation memory."""
