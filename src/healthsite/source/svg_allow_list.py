"""What an SVG drawing the site publishes may contain: the allow-lists `svg_safety` checks every
element, attribute, CSS property, CSS rule and CSS function against. Anything not listed is
refused with its name, so a construct nobody thought of is refused too, not published.

Sources:
- Elements and attributes: DOMPurify (cure53/DOMPurify, `src/tags.ts` lists `svg` and
  `svgFilters`, `src/attrs.ts` lists `svg` and `xml`), the sanitiser browsers' own security
  teams test against. Its names are lower case; XML names are compared lower-cased.
- Added to DOMPurify's lists, each harmless for the reason given: `use` (DOMPurify leaves it out
  because it can load another file; here every reference must be a `#part` of the drawing, which
  `svg_safety` checks on every `href`), and `animate` and `set` when what they change is itself
  an allowed attribute other than a link (`svg_safety` checks `attributeName`).
- CSS properties: the SVG presentation attributes in DOMPurify's list (SVG 1.1, Appendix N,
  "Property Index", the same names), the font and text properties drawing programs write, and
  properties a drawing program's own (`-inkscape-…`), which browsers ignore.
- Editors' namespaces: what Inkscape, Sketch, Affinity and Illustrator write about the drawing
  (layers, guides, licence metadata). A browser treats an element of an unknown namespace as an
  inert element that draws nothing and runs nothing; these namespaces are listed by name so any
  other vocabulary (XHTML, MathML, XSLT) is refused.
"""

from __future__ import annotations

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

# DOMPurify `tags.svg` and `tags.svgFilters`, lower-cased, plus `use` (see above).
ELEMENTS = frozenset(
    {
        "svg", "a", "altglyph", "altglyphdef", "altglyphitem", "animatecolor", "animatemotion",
        "animatetransform", "circle", "clippath", "defs", "desc", "ellipse", "filter", "font",
        "g", "glyph", "glyphref", "hkern", "image", "line", "lineargradient", "marker", "mask",
        "metadata", "mpath", "path", "pattern", "polygon", "polyline", "radialgradient", "rect",
        "stop", "style", "switch", "symbol", "text", "textpath", "title", "tref", "tspan",
        "view", "vkern",
        "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
        "fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood",
        "fefunca", "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge",
        "femergenode", "femorphology", "feoffset", "fepointlight", "fespecularlighting",
        "fespotlight", "fetile", "feturbulence",
        "use",
    }
)  # fmt: skip
# Animations allowed only when `attributeName` is an allowed attribute other than a link.
ANIMATIONS = frozenset({"animate", "set"})

# DOMPurify `attrs.svg` (no namespace), lower-cased; `aria-*` and `data-*` are allowed too, as
# DOMPurify allows them by default.
ATTRIBUTES = frozenset(
    {
        "accent-height", "accumulate", "additive", "alignment-baseline", "amplitude", "ascent",
        "attributename", "attributetype", "azimuth", "basefrequency", "baseline-shift", "begin",
        "bias", "by", "class", "clip", "clippathunits", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-profile",
        "color-rendering", "cx", "cy", "d", "dx", "dy", "diffuseconstant", "direction",
        "display", "divisor", "dur", "edgemode", "elevation", "end", "exponent", "fill",
        "fill-opacity", "fill-rule", "filter", "filterunits", "flood-color", "flood-opacity",
        "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style",
        "font-variant", "font-weight", "fx", "fy", "g1", "g2", "glyph-name", "glyphref",
        "gradientunits", "gradienttransform", "height", "href", "id", "image-rendering", "in",
        "in2", "intercept", "k", "k1", "k2", "k3", "k4", "kerning", "keypoints", "keysplines",
        "keytimes", "lang", "lengthadjust", "letter-spacing", "kernelmatrix",
        "kernelunitlength", "lighting-color", "local", "marker-end", "marker-mid",
        "marker-start", "markerheight", "markerunits", "markerwidth", "maskcontentunits",
        "maskunits", "max", "mask", "mask-type", "media", "method", "mode", "min", "name",
        "numoctaves", "offset", "operator", "opacity", "order", "orient", "orientation",
        "origin", "overflow", "paint-order", "path", "pathlength", "patterncontentunits",
        "patterntransform", "patternunits", "points", "preservealpha", "preserveaspectratio",
        "primitiveunits", "r", "rx", "ry", "radius", "refx", "refy", "repeatcount",
        "repeatdur", "restart", "result", "rotate", "scale", "seed", "shape-rendering", "slope",
        "specularconstant", "specularexponent", "spreadmethod", "startoffset", "stddeviation",
        "stitchtiles", "stop-color", "stop-opacity", "stroke-dasharray", "stroke-dashoffset",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke",
        "stroke-width", "style", "surfacescale", "systemlanguage", "tabindex", "tablevalues",
        "targetx", "targety", "transform", "transform-origin", "text-anchor",
        "text-decoration", "text-rendering", "textlength", "type", "u1", "u2", "unicode",
        "values", "viewbox", "visibility", "version", "vert-adv-y", "vert-origin-x",
        "vert-origin-y", "width", "word-spacing", "wrap", "writing-mode", "xchannelselector",
        "ychannelselector", "x", "x1", "x2", "xmlns", "y", "y1", "y2", "z", "zoomandpan",
    }
)  # fmt: skip
# Animation values: what an allowed <animate> or <set> may also carry (DOMPurify lists `by`,
# `values`, `begin`, `dur`; SVG's animation attributes add these).
ANIMATION_ATTRIBUTES = frozenset({"from", "to", "calcmode", "fill"})
ATTRIBUTE_PREFIXES = ("aria-", "data-")
# DOMPurify `attrs.xml`: xlink:href, xlink:title, xml:id, xml:space (xmlns: declarations are
# not attributes once parsed). `xml:base` is left out: it changes where references point.
XLINK_ATTRIBUTES = frozenset({"href", "title"})
XML_ATTRIBUTES = frozenset({"id", "space", "lang"})

# CSS in a `style` attribute or a <style>: the presentation attributes above that are CSS
# properties, and the font and text properties drawing programs write.
CSS_PROPERTIES = frozenset(
    {
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color",
        "color-interpolation", "color-interpolation-filters", "color-profile",
        "color-rendering", "cursor", "direction", "display", "dominant-baseline",
        "enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color",
        "flood-opacity", "font", "font-family", "font-feature-settings", "font-kerning",
        "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant",
        "font-variant-caps", "font-variant-east-asian", "font-variant-ligatures",
        "font-variant-numeric", "font-variant-position", "font-variation-settings",
        "font-weight", "glyph-orientation-horizontal", "glyph-orientation-vertical",
        "image-rendering", "inline-size", "isolation", "kerning", "letter-spacing",
        "lighting-color", "line-height", "marker", "marker-end", "marker-mid", "marker-start",
        "mask", "mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order",
        "pointer-events", "shape-inside", "shape-margin", "shape-padding", "shape-rendering",
        "solid-color", "solid-opacity", "stop-color", "stop-opacity", "stroke",
        "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-align", "text-anchor",
        "text-decoration", "text-decoration-color", "text-decoration-line",
        "text-decoration-style", "text-indent", "text-orientation", "text-rendering",
        "text-transform", "transform", "transform-box", "transform-origin", "unicode-bidi",
        "vector-effect", "visibility", "white-space", "word-spacing", "writing-mode",
    }
)  # fmt: skip
# A drawing program's own properties, which browsers ignore (Inkscape writes
# -inkscape-font-specification on every text).
CSS_PROPERTY_PREFIXES = ("-inkscape-",)
# Rules whose content is more rules, checked the same way. Every other @rule is refused:
# @import and @font-face load other files; the rest have no use in a drawing.
CSS_GROUP_RULES = frozenset({"media", "supports", "keyframes", "-webkit-keyframes"})
# Functions that load a file: `url()` (and `src()`) may point only inside the drawing; the
# others are refused whatever they point to.
CSS_REFERENCE_FUNCTIONS = frozenset({"url", "src"})
CSS_LOADING_FUNCTIONS = frozenset(
    {"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade", "element",
     "-moz-element"}
)  # fmt: skip

# What drawing programs write about the drawing, inert in a browser (see above).
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
        "http://purl.org/dc/terms/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/GenericCustomNamespace/1.0/",
        "http://ns.adobe.com/XPath/1.0/",
    }
)
