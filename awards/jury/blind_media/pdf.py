"""Cleaned copies of PDFs: the pages as they print, without what rides along.

The document is read with pypdf and pruned in memory, then copied: a copy
takes only what the catalog still reaches, so nothing pruned is written.

- The catalog keeps its page tree, page layout and optional content (layers,
  renamed "Layer 1", "Layer 2"…); it loses the document information, XMP,
  outlines (bookmarks: their titles are the author's to write, not the
  pages'), page labels, named destinations, embedded files, document scripts
  and open actions, the interactive form, article threads, the structure tree
  and output intents.
- A page keeps its boxes, rotation, resources and content; its annotations go
  (comments, pop-ups, form fields, stamps, file attachments, links to the
  web), except links to a page of the same document, rebuilt from their area
  and target alone.
- Every object loses its XMP (/Metadata), private application data
  (/PieceInfo), additional actions, associated files and OPI and reference
  links to outside files. JPEG images keep their coded pixels and lose their
  EXIF, XMP, IPTC, ICC profile and comment segments.
- Colour profiles go (ICCBased colour spaces become device spaces), and so do
  the marked-content property lists of resources, but for layers and layer
  conditions, which keep only what switches them. JPEGs drawn inline and
  JPEG 2000 images are cleaned too (pdf_images).
"""

import io

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from awards.jury.blind_media.base import READ_ERRORS, refuse
from awards.jury.blind_media.image import jpeg_without_metadata
from awards.jury.blind_media.pdf_images import (
    clean_inline_jpegs,
    clean_jpx_stream,
    content_streams,
    device_space,
    is_icc_profile,
)

_CATALOG_KEYS = {"/Type", "/Pages", "/Version", "/PageLayout", "/OCProperties"}
_NODE_KEYS = {"/Type", "/Parent", "/Kids", "/Count", "/Resources", "/MediaBox"}
_NODE_KEYS |= {"/CropBox", "/Rotate"}
_PAGE_KEYS = _NODE_KEYS - {"/Kids", "/Count"}
_PAGE_KEYS |= {"/Contents", "/BleedBox", "/TrimBox", "/ArtBox", "/Group"}
_PAGE_KEYS |= {"/UserUnit", "/Annots"}
# Dropped from every dictionary and stream the document still reaches.
_PRIVATE_KEYS = {"/Metadata", "/PieceInfo", "/LastModified", "/AA", "/AF"}
_PRIVATE_KEYS |= {"/OPI", "/Ref", "/StructParent", "/StructParents"}
_DCT = {"/DCTDecode", "/DCT"}
_NUMBERS = (NumberObject, FloatObject)
# Optional content: the keys a layer and a layer condition keep.
_LAYER = {
    "/OCG": {"/Type", "/Name", "/Intent"},
    "/OCMD": {"/Type", "/OCGs", "/P", "/VE"},
}


def _keep_only(dictionary: DictionaryObject, keys: set[str]) -> None:
    for key in set(dictionary) - keys:
        del dictionary[key]


def _page_link(
    annotation: PdfObject, pages: set[int], named: dict[str, ArrayObject]
) -> DictionaryObject | None:
    """A link to a page of this document, rebuilt from its area and target
    alone (no text, no action, no destination name); None for any other
    annotation."""
    if not isinstance(annotation, DictionaryObject):
        return None
    if annotation.get("/Subtype") != "/Link":
        return None
    target = annotation.get("/Dest")
    action = annotation.get("/A")
    if target is None and isinstance(action, DictionaryObject):
        if action.get("/S") == "/GoTo":
            target = action.get("/D")
    target = target.get_object() if target is not None else None
    if isinstance(target, str):  # a named destination
        key = target[1:] if isinstance(target, NameObject) else target
        target = named.get(key)
    rect = annotation.get("/Rect")
    if not isinstance(target, ArrayObject) or not target:
        return None
    page, *view = target
    if not isinstance(page, IndirectObject) or page.idnum not in pages:
        return None
    if not all(isinstance(item, (NameObject, NullObject, *_NUMBERS)) for item in view):
        return None
    if not isinstance(rect, ArrayObject) or len(rect) != 4:
        return None
    if not all(isinstance(number, _NUMBERS) for number in rect):
        return None
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(rect),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/Dest"): ArrayObject([page, *view]),
        }
    )


def _prune_page_tree(
    node: DictionaryObject,
    pages: set[int],
    named: dict[str, ArrayObject],
    depth: int = 0,
) -> None:
    """Keep only what draws a page in each node of the page tree, and only the
    links within the document among each page's annotations."""
    if depth > 64:
        raise refuse()
    if "/Kids" in node:
        _keep_only(node, _NODE_KEYS)
        for kid in node["/Kids"]:
            _prune_page_tree(kid.get_object(), pages, named, depth + 1)
        return
    _keep_only(node, _PAGE_KEYS)
    annotations = node.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    if not isinstance(annotations, ArrayObject):
        node.pop("/Annots", None)
        return
    links = []
    for reference in annotations:
        annotation = reference.get_object()
        link = _page_link(annotation, pages, named)
        if link is not None and isinstance(reference, IndirectObject):
            # The same object, emptied and refilled: the page keeps its reference.
            annotation.clear()
            annotation.update(link)
            links.append(reference)
    node[NameObject("/Annots")] = ArrayObject(links)


def _layer_name(number: int) -> TextStringObject:
    return TextStringObject(_("Layer %(number)s") % {"number": number})


def _rename_layers(root: DictionaryObject) -> set[int]:
    """Optional content keeps what it shows and hides; its layers' names, the
    people they were meant for and the configurations' names go. Returns the
    layers renamed (their ids)."""
    renamed: set[int] = set()
    properties = root.get("/OCProperties")
    properties = properties.get_object() if properties is not None else None
    if not isinstance(properties, DictionaryObject):
        root.pop("/OCProperties", None)
        return renamed
    groups = properties.get("/OCGs")
    groups = groups.get_object() if groups is not None else []
    for number, group in enumerate(groups, start=1):
        group = group.get_object()
        if isinstance(group, DictionaryObject):
            group.pop("/Usage", None)
            group[NameObject("/Name")] = _layer_name(number)
            renamed.add(id(group))
    configs = properties.get("/Configs")
    configs = list(configs.get_object()) if configs is not None else []
    for config in [properties.get("/D"), *configs]:
        config = config.get_object() if config is not None else None
        if isinstance(config, DictionaryObject):
            for key in ("/Name", "/Creator", "/Order"):
                config.pop(key, None)
    return renamed


def _clean_jpeg_stream(stream: StreamObject) -> None:
    """A DCT image's JPEG without its metadata segments, stored as DCT alone
    (any compression stacked on it is undone)."""
    filters = stream.get("/Filter")
    parms = stream.get("/DecodeParms")
    if isinstance(filters, ArrayObject):
        parms = parms[-1] if isinstance(parms, ArrayObject) and parms else None
    data = jpeg_without_metadata(stream.get_data())
    StreamObject.set_data(stream, data)
    stream.decoded_self = None
    stream[NameObject("/Filter")] = NameObject("/DCTDecode")
    if parms is None or isinstance(parms.get_object(), NullObject):
        stream.pop("/DecodeParms", None)
    else:
        stream[NameObject("/DecodeParms")] = parms


def _keep_layers(resources: DictionaryObject) -> None:
    """Of the marked-content property lists, keep those that switch layers
    (optional content); others, such as Illustrator's layer titles, go."""
    properties = resources["/Properties"]
    kept = DictionaryObject()
    if isinstance(properties, DictionaryObject):
        for name, value in dict.items(properties):
            entry = value.get_object()
            if isinstance(entry, DictionaryObject) and entry.get("/Type") in _LAYER:
                kept[name] = value
    resources[NameObject("/Properties")] = kept


def _without_profiles(item: DictionaryObject | ArrayObject) -> None:
    """Each ICCBased colour space the item holds becomes a device space."""
    places = dict.items(item) if isinstance(item, dict) else enumerate(item)
    for place, value in list(places):
        device = device_space(value)
        if device is not None:
            item[place] = device


def _scrub(root: DictionaryObject, layers: set[int]) -> None:
    """Drop the private keys, colour profiles and marked-content properties
    from every object the catalog reaches; name every layer; clean every JPEG
    and JPEG 2000 image among them, inline ones included."""
    seen: set[int] = set()
    drawn: set[int] = set()
    stack: list[PdfObject] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key in _PRIVATE_KEYS & set(item):
                del item[key]
            _without_profiles(item)
            if "/Properties" in item:
                _keep_layers(item)
            if item.get("/Type") in _LAYER:
                _keep_only(item, _LAYER[item["/Type"]])
                if item["/Type"] == "/OCG" and id(item) not in layers:
                    layers.add(id(item))
                    item[NameObject("/Name")] = _layer_name(len(layers))
            for stream in content_streams(item):
                if id(stream) not in drawn:
                    drawn.add(id(stream))
                    clean_inline_jpegs(stream)
            if isinstance(item, StreamObject):
                if is_icc_profile(item):
                    raise refuse()
                filters = item.get("/Filter")
                last = filters[-1] if isinstance(filters, ArrayObject) else filters
                if filters and last in _DCT:
                    _clean_jpeg_stream(item)
                elif filters and last == "/JPXDecode":
                    clean_jpx_stream(item)
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            _without_profiles(item)
            stack.extend(item)


def clean_pdf(data: bytes) -> bytes:
    """The PDF's pages, text and pictures without what names their maker (see
    the module's docstring); a PDF pypdf cannot read is refused."""
    try:
        reader = PdfReader(io.BytesIO(data))
        root = reader.root_object
        pages = {page.indirect_reference.idnum for page in reader.pages}
        named = {
            str(name): destination.dest_array
            for name, destination in reader.named_destinations.items()
        }
        _keep_only(root, _CATALOG_KEYS)
        _prune_page_tree(root["/Pages"].get_object(), pages, named)
        _scrub(root, _rename_layers(root))
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, RuntimeError, AttributeError, *READ_ERRORS) as error:
        raise refuse() from error
    return out.getvalue()
