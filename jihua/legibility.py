"""Whether text taken from a PDF's text layer is text, or the numbers of its font's glyphs.

A PDF draws glyphs; the text comes from the font's map back to Unicode
(``/ToUnicode``). A producer that writes no map, or a wrong one, leaves a text
layer that copies out as garbage: glyph numbers read as control characters and
Latin letters, private-use characters, or Han characters that make no words.
Read as a report, such a page gives figures nobody wrote. Two signs tell it,
on a page of at least :data:`FEWEST_CHARACTERS` characters:

- characters no text has (controls, private use, U+FFFD) are at least
  :data:`ODD_SHARE` of the page, of :data:`ODD_KINDS` kinds or more, and Han
  characters fewer than :data:`HAN_SHARE` of it (a report's page is mostly Han;
  a bulleted list's private-use marks come with its words, and are one or two
  marks repeated where glyph numbers are many);
- or the page has :data:`FEWEST_HAN` Han characters or more, under
  :data:`COMMON_SHARE` of them are among the most common characters of Chinese
  (:data:`COMMON_HAN`): they are over half of every report and bulletin the
  project holds, traditional ones too (0.53–0.90), against a fiftieth of Han
  characters drawn at random (about 0.02); and the page's Chinese punctuation
  (``，。、；：！？``) is under :data:`PUNCTUATION_SHARE` of its Han characters.
  A 名单 of villages (``蒿枝坝村、鳌鱼岭村、…``) has few common characters (0.08)
  but is set off by its commas; a font without a map loses its punctuation
  with its Han characters (it draws both).
"""

from __future__ import annotations

import re
from functools import cache

#: a page with fewer non-space characters is not judged
FEWEST_CHARACTERS = 30
#: the least share of controls, private-use characters and U+FFFD that marks glyph numbers
ODD_SHARE = 0.10
#: the fewest kinds of odd characters that are glyph numbers rather than a list's bullets
ODD_KINDS = 4
#: the share of Han characters under which odd characters are not a few marks among words
HAN_SHARE = 0.10
#: the fewest Han characters whose mix is judged
FEWEST_HAN = 100
#: the least share of common characters among a page's Han characters
COMMON_SHARE = 0.15
#: the least count of Chinese punctuation, against the Han characters, that marks written words
PUNCTUATION_SHARE = 0.05
#: about five hundred of the most frequent characters of modern Chinese, and the traditional
#: forms of the most frequent of them
COMMON_HAN = frozenset(
    "的一是在不了有和人中大为上个国以要时来们到地于出就分对成会可主发年动同工也能下过产种面而方后"
    "多定行法所民经进着等部度家力里如化高自理起小物现实加量都体制机当使点从业本去性应开合还因由其"
    "些然前外政日社义事平形相全表间样与关各重新内数正心明看原又么利比或但质气第向道变条只没结解问"
    "意建月公无系很者最立代已通并提直题程展五果料员位入常总次品式活设及管特件长求基资边流路级少图"
    "统接知较将组见计别手角期根论运农指几区强放决西被干做必先回则任取据处南给色光门即保治北造百规"
    "热领海口东导器压志世金增争济阶油思术极交受联认共权收证改清己美再采转更单风切打白教速花带安场"
    "身车例真务具万每目至达走积示议声报完类离华名确才科张信马节话米整空元况今集温传土许步群广石记"
    "需段研界拉林律叫且究观越织装影算低持音众书布复容须际商非验连断深难近千周委素技备半办青省列习"
    "响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型按格养易置派"
    "层片始却专状育厂识适属圆包火住调满县局照参红细引听该铁价严亿项投"
    "國個為會來們說產種過對後發動經濟長進實當從應開機體現點與關間數質氣問題農區強決給門導資電義議"
    "聲報類華確張馬節話傳廣記須際驗斷難員億萬項達"
)

#: characters no text has: controls other than tab and line ends, private use, U+FFFD
_ODD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
#: all but Han characters, all but common ones: what is left when they are taken out is counted
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s")
_PUNCTUATION = re.compile("[，。、；：！？]")


@cache
def _not_common_re() -> re.Pattern[str]:
    return re.compile(f"[^{''.join(sorted(COMMON_HAN))}]+")


def judged(text: str) -> bool:
    """Whether ``text`` is long enough for :func:`garbled` to tell."""
    return _length(text) >= FEWEST_CHARACTERS


def garbled(text: str) -> bool:
    """Whether ``text`` (a page's) reads as a font's glyph numbers rather than as words
    (never for a text too short to be :func:`judged`)."""
    length = _length(text)
    if length < FEWEST_CHARACTERS:
        return False
    han = len(_NOT_HAN.sub("", text))
    odd = _ODD.findall(text)
    if len(odd) >= ODD_SHARE * length and len(set(odd)) >= ODD_KINDS and han < HAN_SHARE * length:
        return True
    if han < FEWEST_HAN or len(_PUNCTUATION.findall(text)) >= PUNCTUATION_SHARE * han:
        return False
    return len(_not_common_re().sub("", text)) < COMMON_SHARE * han


def _length(text: str) -> int:
    return len(text) - len(_SPACE.findall(text))
