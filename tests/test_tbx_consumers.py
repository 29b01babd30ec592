"""The TBX export read by a second consumer besides the Translate Toolkit: tbxtools
(TBX version detection and the 2008 -> 2019 converter)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from mmn_i18n.gettext.glossary import load_termbase
from mmn_i18n.project import load_project


def test_tbxtools_reads_the_default_export_and_converts_it(run, project_dir):
    from tbxtools import TBX

    assert run(["glossary", "export", "--lang", "th", "-o", "v2.tbx"]).exit_code == 0
    tbx = TBX.from_file(str(project_dir / "v2.tbx"))
    assert tbx.check_tbx_version(".tbx") == "File appears to be a 2008 TBX (v2) file."
    converted = tbx.convert2to3(silent=True, schemas_js={})  # no schema look-up on the network
    root = ET.fromstring(converted.split("?>", 1)[-1] if converted.startswith("<?xml") else converted)
    entries = [element for element in root.iter() if element.tag.split("}")[-1] == "conceptEntry"]
    assert len(entries) == len(load_termbase(load_project(project_dir)).terms)
    terms = {element.text for element in root.iter() if element.tag.split("}")[-1] == "term"}
    assert {"work permit", "ใบอนุญาตทำงาน"} <= terms


def test_tbxtools_recognises_the_2019_export_by_name(run, project_dir):
    from tbxtools import TBX

    assert run(["glossary", "export", "--format", "tbx-basic", "-o", "v3.tbx"]).exit_code == 0
    version = TBX.from_file(str(project_dir / "v3.tbx")).check_tbx_version(".tbx")
    assert version.startswith("File appears to be a 2019 TBX (v3) file with dialect:") and "TBX-Basic" in version
