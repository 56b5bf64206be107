"""Currency tables: every way a currency is written, mapped to its ISO 4217 code.

The tables are data. One row names a currency and lists its written forms
(symbols, codes, names in English, Russian, French, German, Spanish,
Portuguese and Italian, with inflections); `money.lex` compiles all forms into
one prefix-tree regex, so adding a currency is adding a row here
(docs/extending.md says how).

Row fields, in `Currency`:
- `code`: ISO 4217, or None where the form is ambiguous ("kr", "francs").
- `family`: for forms shared by several currencies: "dollar" for a bare "$",
  "dollars", "долларов"; likewise "rupee", "pound", "krona", "franc",
  "riyal", "dinar", "peso", "shilling" (see FAMILIES). `money.amounts` resolves
  them to the member the text last named, else the family default, and marks
  the amount `currency_inferred`.
- `factor`: what one written unit is worth in the major unit: 0.01 for
  cents and kopecks, 1e6 for "MUSD" (finance shorthand for millions).
- `before`/`after`: whether the form may stand before or after the number.
  Words that are also ordinary English ("won", "real", "rand", "mark") may
  only follow a number: "Labour won 300 seats" is not money.
- `exact_case`: the form counts only as written ("LE" is an Egyptian pound,
  "le" is a French article; "RM" ringgit, "rm" is not).

May import: the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Currency:
    code: str | None
    family: str | None = None
    factor: float = 1.0
    before: bool = True
    after: bool = True
    exact_case: bool = False
    minor: bool = False  # a sub-unit word: cents, pence, kopecks


def _forms(spec: str) -> list[str]:
    """'рубл:ь,я,ю|руб.|руб' -> ['рубль', 'рубля', 'рублю', 'руб.', 'руб'].

    A form with a colon is a stem and its endings ('' allowed: 'доллар:,а,ов')."""
    out: list[str] = []
    for part in spec.split("|"):
        part = part.strip()
        if not part:
            continue
        if ":" in part and len(part) > 1:
            stem, endings = part.split(":", 1)
            out.extend(stem + e for e in endings.split(","))
        else:
            out.append(part)
    return out


# Russian noun endings, reused: masculine hard stem (доллар, фунт, цент),
# soft stem (рубль), feminine -а (гривна), -я (рупия).
_RU_M = ":,а,у,ом,е,ы,ов,ам,ами,ах"
_RU_M_SOFT = "ь,я,ю,ем,ём,е,и,ей,ям,ями,ях"
_RU_F_A = ":а,ы,е,у,ой,ою,,ам,ами,ах"
_RU_F_YA = ":я,и,ю,ей,й,ям,ями,ях,е"

# (code, forms, options). Order does not matter: the regex takes the longest form.
# Symbols and codes may stand either side of the number unless said otherwise.
CURRENCY_ROWS: list[tuple[str | None, str, dict]] = [
    # --- dollars ------------------------------------------------------------
    (None, "$|dollar:,s|долл.|дол.|доллар" + _RU_M + "|dólar:,es|dollaro|dollari|dolar:,es|dólares",
     {"family": "dollar"}),
    (None, "buck:,s|бакс:,а,ов,ы,ам,ами,ах", {"family": "dollar"}),
    ("USD", "USD|US$|US $|U.S.$|U.S. $|u.s $|u.s. $|USD$|US dollar:,s|U.S. dollar:,s|"
     "United States dollar:,s|American dollar:,s|greenback:,s|доллар:ов США,а США,ы США,ам США,ами США,ах США, США|"
     "долл. США|дол. США|dollars américains|dollars US|US-Dollar|US-Dollars|dólares estadounidenses|"
     "dollari USA|dollari americani|dólares americanos", {}),
    ("CAD", "CAD|C$|c $|CA$|CAN$|CAD$|Can$|Canadian dollar:,s|канадск:ий доллар,их долларов,"
     "ого доллара,их доллара", {}),
    ("AUD", "AUD|A$|AU$|AU $|AUD$|Australian dollar:,s|австралийск:ий доллар,их долларов,ого доллара", {}),
    ("NZD", "NZD|NZ$|NZD$|New Zealand dollar:,s", {}),
    ("HKD", "HKD|HK$|hk $|Hong Kong dollar:,s|гонконгск:ий доллар,их долларов", {}),
    ("SGD", "SGD|S$|SG$|Singapore dollar:,s|сингапурск:ий доллар,их долларов", {}),
    ("TWD", "TWD|NT$|New Taiwan dollar:,s|Taiwan dollar:,s|Taiwanese dollar:,s|тайваньск:ий доллар,их долларов",
     {}),
    ("MXN", "MXN|MX$|Mex$|mxn$|Mexican peso:,s", {}),
    ("BRL", "real", {"before": False}),
    ("BRL", "BRL|R$|reais|Brazilian real:,s|Brazilian reais|реал:,а,ов|бразильск:ий реал,их реалов",
     {}),
    ("JMD", "JMD|J$|Jamaican dollar:,s", {}),
    ("TTD", "TTD|TT$|Trinidad and Tobago dollar:,s", {}),
    ("BZD", "BZD|BZ$|Belize dollar:,s", {}),
    ("GYD", "GYD|G$|GY$|Guyanese dollar:,s", {}),
    ("TOP", "TOP|T$|pa'anga", {}),
    ("DOP", "DOP|RD$|Dominican peso:,s", {}),
    ("CUC", "CUC|CUC$", {}),
    ("MOP", "MOP|MOP$|pataca:,s", {}),
    ("ZWL", "ZWL|Z$", {}),
    ("BOB", "BOB|$b|Bs|boliviano:,s", {}),
    ("UYU", "UYU|$U|Uruguayan peso:,s", {}),
    # --- euro, pound, yen, yuan ------------------------------------------------
    ("EUR", "EUR|€|€ur|euro:,s|евро|Euro:,s|Eur", {}),
    ("EUR", "MEUR", {"factor": 1e6, "exact_case": True}),
    ("USD", "MUSD", {"factor": 1e6, "exact_case": True}),
    ("GBP", "MGBP", {"factor": 1e6, "exact_case": True}),
    ("AUD", "MAUD", {"factor": 1e6, "exact_case": True}),
    # "pounds" alone is sterling unless the text has named another pound ("Egyptian pounds")
    (None, "pound:,s|фунт" + _RU_M + "|Pfund", {"family": "pound"}),
    ("GBP", "GBP|£|￡|GB£|UK£|stg|pound sterling|pounds sterling|sterling|British pound:,s|"
     "фунт:ов стерлингов,а стерлингов,ы стерлингов,ам стерлингов,ами стерлингов,ах стерлингов|британск:ий фунт,их фунтов,ого фунта|livre sterling|livres sterling|"
     "libra esterlina|libras esterlinas|sterline", {}),
    ("JPY", "JPY|¥|円|yen|Japanese yen|иен:а,ы,у,ой,е,,ам,ами,ах|йен:а,ы,у,ой,е,,ам,ами,ах|японск:их иен,ой иены,их йен",
     {}),
    ("CNY", "CNY|RMB|rmb|元|人民币|圆|圓|yuan|Chinese yuan|renminbi|юан" + ":" + _RU_M_SOFT + "|китайск:их юаней,ого юаня|"
     "kuai", {}),
    ("INR", "INR|₹|Indian rupee:,s|индийск:их рупий,ой рупии", {}),
    # "Rs" and "rupees" are Indian unless the text named another rupee ("Pakistani rupees")
    (None, "Rs|Rs.|rupee:,s|рупи" + _RU_F_YA + "|roupie:,s|₨|रु|र", {"family": "rupee"}),
    ("PKR", "PKR|Pakistani rupee:,s|Pakistan rupee:,s", {}),
    ("LKR", "LKR|ரூ|රු|Sri Lankan rupee:,s", {}),
    ("NPR", "NPR|Nepalese rupee:,s", {}),
    ("RUB", "RUB|₽|руб|руб.|рубл:" + _RU_M_SOFT + "|rouble:,s|ruble:,s|Russian rouble:,s|Russian ruble:,s|"
     "российск:их рублей,ого рубля|Rbl|rbl|Rubel|roubles|rublos|rublo|rubli|rublu", {}),
    ("RUB", "р.|Р|р", {"before": False}),
    ("RUB", "т.р.|т. р.", {"factor": 1e3, "before": False}),  # "20 т. р." = 20 thousand roubles
    ("UAH", "UAH|₴|грн|грн.|гривен|гривн" + _RU_F_A + "|hryvnia:,s|hryvnya:,s|hrn", {}),
    ("BYN", "BYN|белорусск:их рублей,ого рубля,ий рубль|Belarusian rouble:,s|Belarusian ruble:,s", {}),
    ("KZT", "KZT|₸|тг|тенге|tenge", {}),
    ("KRW", "KRW|₩|원|South Korean won|Korean won|вон", {}),
    ("KRW", "won", {"before": False}),
    ("KPW", "North Korean won", {}),
    ("TRY", "TRY|₺|TL|Turkish lira:,s|Turkish lire|лир:а,ы,у,ой,", {}),
    ("TRY", "lira:,s", {"before": False}),
    ("CHF", "CHF|CHf|Fr.|SFr|SFr.|Swiss franc:,s|швейцарск:их франков,ого франка,ий франк|"
     "francs suisses|Franken|Schweizer Franken", {}),
    (None, "franc:,s|франк" + _RU_M + "|₣|Fr", {"family": "franc"}),
    ("XOF", "CFA|FCFA|CFA franc:,s|XOF", {}),
    ("XAF", "XAF", {}),
    ("PLN", "PLN|zł|Zł|zl|zloty:,s|złoty:,ch|zlotys|злот:ый,ых,ого", {}),
    ("CZK", "CZK|Kč|Kc|koruna:,s|korun|Czech koruna:,s|чешск:их крон,ая крона", {}),
    ("HUF", "HUF|forint:,s|форинт" + _RU_M, {}),
    ("HUF", "Ft", {"exact_case": True}),
    ("RON", "lei|leu|Romanian leu|Romanian lei", {"before": False}),
    ("RON", "RON", {}),
    ("BGN", "BGN|лв|лв.|lev|leva|лев:,а,ов", {}),
    ("SEK", "SEK|Swedish krona|Swedish kronor|kronor|шведск:их крон,ая крона", {}),
    ("NOK", "NOK|Norwegian krone:,r", {}),
    ("DKK", "DKK|Danish krone:,r|датск:их крон,ая крона", {}),
    ("ISK", "ISK|Icelandic krona|Icelandic kronur", {}),
    (None, "kr|kr.|Kr|krona|kronur|krone:,r", {"family": "krona"}),
    ("ILS", "ILS|₪|NIS|nis|shekel:,s|new shekel:,s|sheqel:,im|шекел:ь,я,ей|ש״ח|ש\"ח|ש'ח|ش.ج", {}),
    ("VND", "VND|₫|đ|VNĐ|Vietnamese dong|донг:,а,ов", {}),
    ("VND", "dong", {"before": False}),
    ("THB", "THB|฿|baht|бат:,а,ов|บาท", {}),
    ("IDR", "IDR|Rp|Rp.|rupiah:,s|рупи:й индонезийских", {}),
    ("MYR", "RM", {"exact_case": True}),
    ("MYR", "MYR|ringgit:,s|malaysia ringgit:,s|malaysian ringgit:,s|ринггит:,а,ов", {}),
    ("PHP", "PHP|₱|Philippine peso:,s|песо", {}),
    ("ARS", "ARS|Argentine peso:,s|Argentinian peso:,s", {}),
    ("CLP", "CLP|Chilean peso:,s", {}),
    ("COP", "COP|Colombian peso:,s", {}),
    (None, "peso:,s", {"family": "peso"}),
    ("PEN", "S/.|S/|nuevo sol:,es|soles", {}),
    ("PEN", "PEN|sol", {"before": False}),
    ("ZAR", "rand", {"before": False}),
    ("ZAR", "ZAR|South African rand", {}),
    ("ZAR", "R", {"after": False, "exact_case": True}),
    ("NGN", "NGN|₦|naira", {}),
    ("KES", "KES|KSh|KShs|Ksh|Kenyan shilling:,s", {}),
    ("TZS", "TZS|TSh|Tanzanian shilling:,s", {}),
    ("UGX", "UGX|USh|Ugandan shilling:,s", {}),
    (None, "shilling:,s", {"family": "shilling"}),
    ("GHS", "GHS|GH₵|GH¢|₵|cedi:,s", {}),
    ("EGP", "LE", {"exact_case": True}),
    ("EGP", "EGP|E£|L.E|L.E.|Egyptian pound:,s|egyptianpound|geneh|genihat masriya|ج.م|جنيه", {}),
    ("LBP", "LBP|Lebanese pound:,s|ل.ل", {}),
    ("SYP", "SYP|Syrian pound:,s|ل.س", {}),
    ("SDG", "SDG|ج.س.|ج.س|Sudanese pound:,s", {}),
    ("SAR", "SAR|Saudi riyal:,s|saudiriyal|ر.س|سعودي ريال", {}),
    ("QAR", "QAR|Qatari riyal:,s|ر.ق", {}),
    ("OMR", "OMR|Omani rial:,s|ر.ع", {}),
    ("YER", "YER|Yemeni rial:,s|ر.ي", {}),
    ("IRR", "IRR|Iranian rial:,s|ریال|تومان|toman:,s", {}),
    (None, "riyal:,s|rial:,s|﷼|ريال|риал:,а,ов", {"family": "riyal"}),
    ("AED", "AED|Dh|Dhs|dirham:,s|UAE dirham:,s|د.إ|درهم|дирхам" + _RU_M, {}),
    ("MAD", "MAD|Moroccan dirham:,s|د.م", {}),
    ("KWD", "KWD|KD|kuwaiti dinar:,s|د.ك|دينار كويتي", {}),
    ("BHD", "BHD|BD|Bahraini dinar:,s|.د.ب", {}),
    ("JOD", "JOD|Jordanian dinar:,s|د.أ|د.ا|دينار أردني", {}),
    ("IQD", "IQD|Iraqi dinar:,s|ع.د|د.ع", {}),
    ("LYD", "LYD|LD|Libyan dinar:,s|ل.د|د.ل", {}),
    ("TND", "TND|DT|Tunisian dinar:,s|د.ت", {}),
    ("DZD", "DZD|Algerian dinar:,s|دج|د.ج", {}),
    ("RSD", "RSD|Serbian dinar:,s|дин|Дин|din", {}),
    (None, "dinar:,s|Dinara|dinara|دينار|د.|динар" + _RU_M, {"family": "dinar"}),
    ("MKD", "MKD|ден|ДЕН|денар:,а,ов", {}),
    ("GEL", "GEL|₾|lari|ლარი|ლ|лари", {}),
    ("AMD", "AMD|֏|dram:,s|драм:,а,ов", {}),
    ("AZN", "AZN|₼|manat:,s|манат" + _RU_M, {}),
    ("UZS", "UZS|so'm|soʻm|Sʻ|S'|сум:,а,ов", {}),
    ("KGS", "KGS|сом:,а,ов", {}),
    ("KGS", "som", {"before": False}),
    ("TJS", "TJS|somoni", {}),
    ("MNT", "MNT|₮|tugrik:,s|tögrög|тугрик:,а,ов", {}),
    ("AFN", "AFN|؋|afghani:,s", {}),
    ("BDT", "BDT|৳|taka", {}),
    ("BTN", "BTN|Nu.|Nu|ngultrum", {}),
    ("MVR", "MVR|Rf|rufiyaa", {}),
    ("MUR", "MUR|Mauritian rupee:,s", {}),
    ("SCR", "SCR", {}),
    (None, "Re", {"exact_case": True, "family": "rupee"}),
    ("KHR", "KHR|៛|riel:,s", {}),
    ("LAK", "LAK|₭", {}),
    ("LAK", "kip", {"before": False}),
    ("MMK", "MMK|Ks|kyat:,s", {}),
    ("CRC", "CRC|₡|colón|colones", {}),
    ("PYG", "PYG|₲|guaraní:,es|guarani:,s", {}),
    ("GTQ", "GTQ|quetzal:,es", {}),
    ("HNL", "HNL|lempira:,s", {}),
    ("NIO", "NIO|córdoba:,s", {}),
    ("PAB", "PAB|B/.|balboa:,s", {}),
    ("VES", "VES|Bs.|bolívar:,es|bolivar:,s", {}),
    ("ETB", "ETB|birr|ብር", {}),
    ("ETB", "Br", {"exact_case": True}),
    ("ERN", "ERN|Nfk|nakfa|ናቕፋ|نافكا", {}),
    ("DJF", "DJF|Fdj", {}),
    ("BIF", "BIF|FBu|Fbu", {}),
    ("RWF", "RWF|FRw|R₣", {}),
    ("GNF", "GNF|FG|GFr", {}),
    ("KMF", "KMF", {}),
    ("MGA", "MGA|ariary", {}),
    ("MGA", "Ar", {"exact_case": True}),
    ("MZN", "MZN|metical|meticais", {}),
    ("MWK", "MWK|MK", {}),
    ("ZMW", "ZMW|ZK|kwacha", {}),
    ("AOA", "AOA|Kz|kwanza:,s|kwz", {}),
    ("BWP", "BWP", {}),
    ("BWP", "pula", {"before": False}),
    ("NAD", "NAD|N$", {}),
    ("MRU", "MRU|ouguiya:,s", {}),
    ("STN", "STN|dobra:,s", {}),
    ("STN", "Db", {"exact_case": True}),
    ("SLE", "SLE|Le|leone:,s", {"exact_case": True}),
    ("VUV", "VUV|VT|Vt|vatu", {}),
    ("BAM", "BAM|KM", {"exact_case": True, "before": False}),
    ("ALL", "Lek|lek", {}),
    ("HRK", "HRK|kuna:,s", {}),
    ("HRK", "kn", {"exact_case": True, "before": False}),
    ("XPF", "XPF", {}),
    ("FJD", "FJD|FJ$|Fijian dollar:,s", {}),
    ("PGK", "PGK", {}),
    ("WST", "WST|WS$", {}),
    ("SBD", "SBD|SI$", {}),
    ("BSD", "BSD|B$", {}),
    ("BBD", "BBD|Bds$", {}),
    ("XCD", "XCD|EC$", {}),
    ("SRD", "SRD|Sr$", {}),
    ("KYD", "KYD|CI$", {}),
    ("BMD", "BMD|BD$", {}),
    ("LRD", "LRD|L$", {}),
    ("SZL", "SZL", {}),
    ("SLL", "SLL", {}),
    ("CVE", "CVE|Esc", {}),
    ("GMD", "GMD|dalasi", {}),
    ("LSL", "LSL|loti|maloti", {}),
    ("HTG", "HTG|gourde:,s", {}),
    ("AWG", "AWG|ƒ|Afl", {}),
    ("ANG", "ANG|NAf", {}),
    ("SHP", "SHP", {}),
    ("FKP", "FKP", {}),
    ("GIP", "GIP", {}),
    ("TMT", "TMT", {}),
    ("SOS", "SOS|Somali shilling:,s", {}),
    ("SSP", "SSP|SPL", {}),
    ("CDF", "CDF|Congolese franc:,s", {}),
    ("XDR", "XDR|SDR:,s|special drawing right:,s", {}),
    # historical currencies that still turn up in archives
    ("FIM", "FIM|markka|markkaa|finnish markka:,s|Finnish mark:,s", {}),
    ("DEM", "DEM|Deutsche mark:,s|Deutschmark:,s|D-mark:,s", {}),
    ("ESP", "ESP|peseta:,s|Pts", {}),
    ("NLG", "NLG|guilder:,s|dutch guilder:,s|gulden", {}),
    ("PTE", "PTE|escudo:,s", {}),
    ("FRF", "FRF|French franc:,s", {}),
    ("ITL", "ITL|Italian lira|Italian lire", {}),
    ("ATS", "ATS|schilling:,s", {}),
    ("BEF", "BEF|Belgian franc:,s", {}),
    (None, "₤|₶", {}),
    (None, "bitcoin:,s|BTC|₿|Ƀ|satoshi:,s|биткоин:,а,ов", {}),
    # --- sub-units: worth `factor` of the major unit ----------------------------
    (None, "cent:,s|¢|c|ц|цент" + _RU_M, {"family": "dollar", "factor": 0.01, "minor": True, "before": False}),
    ("EUR", "euro cent:,s|евроцент" + _RU_M, {"factor": 0.01, "minor": True, "before": False}),
    ("GBP", "penny|pennies|pence|пенс:,а,ов|пенни|пени", {"factor": 0.01, "minor": True, "before": False}),
    ("RUB", "копе:йка,йки,ек,йку,йкой,йкам,йками|коп.|коп", {"factor": 0.01, "minor": True, "before": False}),
    ("UAH", "kopiyka|kopiykas|kopiyky|kopiyok|копе:йка,йки,ек", {"factor": 0.01, "minor": True, "before": False}),
    ("MYR", "sen|sens", {"factor": 0.01, "minor": True}),
    ("CNY", "mao|jiao", {"factor": 0.1, "minor": True, "before": False}),
]


# Dollars that a bare "$" can stand for once the text has named them ("C$5m ... $3m").
DOLLAR_CODES = frozenset({
    "USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "JMD", "TTD", "BZD", "GYD", "FJD",
    "NAD", "BSD", "BBD", "XCD", "SRD", "KYD", "BMD", "LRD", "SBD", "ZWL",
})

# A family is a name several currencies share. A bare member ("$", "rupees",
# "pounds", "kronor") means the one the text last named explicitly; failing
# that, the default, if the name has one everybody reads the same way.
FAMILIES: dict[str, tuple[str | None, frozenset[str]]] = {
    "dollar": ("USD", DOLLAR_CODES),
    "rupee": ("INR", frozenset({"INR", "PKR", "LKR", "NPR", "MUR", "SCR"})),
    "pound": ("GBP", frozenset({"GBP", "EGP", "LBP", "SYP", "SDG"})),
    "krona": (None, frozenset({"SEK", "NOK", "DKK", "ISK"})),
    "franc": (None, frozenset({"CHF", "XOF", "XAF", "CDF", "RWF", "BIF", "GNF", "DJF", "KMF", "FRF", "BEF"})),
    "riyal": (None, frozenset({"SAR", "QAR", "OMR", "YER", "IRR"})),
    "dinar": (None, frozenset({"KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD"})),
    "peso": (None, frozenset({"MXN", "ARS", "CLP", "COP", "PHP", "DOP", "UYU"})),
    "shilling": (None, frozenset({"KES", "TZS", "UGX", "SOS"})),
}

# Codes are matched as written (upper case) so that English words are not read
# as money: "TOP 10", "try 5 times", "MAD 3". These few are common enough in
# lower case ("10 usd", "rmb 10") to accept that way too.
LOWERCASE_CODES = ("usd", "eur", "gbp", "rub", "rmb", "cny", "jpy", "chf", "cad", "aud", "nzd",
                   "inr", "pln", "uah", "mkd", "myr", "sgd", "hkd", "sek", "nok", "dkk", "czk")
# Codes that are also English words or company names may only follow a number:
# "AMD 300 chips", "TOP 10".
AFTER_ONLY_CODES = ("AMD", "TOP", "TRY", "MAD", "SOS", "PEN", "BOB", "ALL", "NIO", "CUP", "GEL",
                    "SAR", "BAM", "ANG", "MOP", "LAK", "HTG")


def written_forms() -> list[str]:
    """Every form as the table writes it (case kept), for building the matcher."""
    out = [f for _c, spec, _o in CURRENCY_ROWS for f in _forms(spec)]
    return out + list(LOWERCASE_CODES)


def _is_code(form: str) -> bool:
    return len(form) == 3 and form.isascii() and form.isalpha() and form.isupper()


def build_currency_forms() -> dict[str, list[tuple[str | None, Currency]]]:
    """Every written form, lowercased, mapped to its readings.

    Each reading is (exact form or None, Currency): with an exact form the
    reading applies only when the text has it in exactly that case."""
    table: dict[str, list[tuple[str | None, Currency]]] = {}

    def add(form: str, cur: Currency, exact: bool) -> None:
        readings = table.setdefault(form.lower(), [])
        entry = (form if exact else None, cur)
        if exact:
            readings.insert(0, entry)  # exact readings are tried first
        else:
            readings.append(entry)

    for code, spec, opts in CURRENCY_ROWS:
        base = Currency(code=code, **opts)
        for form in _forms(spec):
            cur = base
            if _is_code(form) and form in AFTER_ONLY_CODES:
                cur = Currency(code=base.code, family=base.family, factor=base.factor,
                               before=False, after=base.after, exact_case=True, minor=base.minor)
            add(form, cur, exact=cur.exact_case or _is_code(form))
    for code in LOWERCASE_CODES:
        # any case: "10 usd", "Rmb100bn" (the FT's house style)
        add(code, Currency(code=code.upper() if code != "rmb" else "CNY"), exact=False)
    return table
