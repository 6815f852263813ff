// extract/clutter.cpp - recognises the lines of page furniture that are never article text
#include "extract/clutter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/text_util.hpp"

namespace narrate::extract {
namespace {

// The line lowercased, without trailing ':' '.' '|' and spaces, for exact comparisons.
std::string key_of(std::string_view line) {
  std::string key = lower_ascii(trim(line));
  // Latin-1 capitals (À-Þ, C3 80-9E) as well: "Über den Autor", "À lire aussi".
  for (std::size_t i = 0; i + 1 < key.size(); ++i) {
    const auto lead = static_cast<unsigned char>(key[i]);
    const auto next = static_cast<unsigned char>(key[i + 1]);
    if (lead == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {
      key[i + 1] = static_cast<char>(next + 0x20);
    }
  }
  while (!key.empty() && (key.back() == ':' || key.back() == '.' || key.back() == ' ' ||
                          key.back() == '|' || key.back() == '>')) {
    key.pop_back();
  }
  return key;
}

template <std::size_t N>
bool in(const std::string& key, const std::array<std::string_view, N>& list) {
  for (const std::string_view item : list) {
    if (key == item) return true;
  }
  return false;
}

template <std::size_t N>
bool in(const std::string& key, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

template <std::size_t N>
bool starts_any(std::string_view key, const std::string_view (&list)[N]) {
  for (const std::string_view item : list) {
    if (key.substr(0, item.size()) == item) return true;
  }
  return false;
}

template <std::size_t N>
bool contains_any(std::string_view key, const std::string_view (&list)[N]) {
  for (const std::string_view item : list) {
    if (key.find(item) != std::string_view::npos) return true;
  }
  return false;
}

// The key without the punctuation, bullets and dashes a site wraps a label in: "- Anzeige -",
// "[Werbung]", "» Weiterlesen", "*Werbung".
std::string bare_key(const std::string& key) {
  std::size_t b = 0;
  std::size_t e = key.size();
  const auto junk = [](unsigned char c) {
    return c == ' ' || c == '-' || c == '*' || c == '[' || c == ']' || c == '(' || c == ')' ||
           c == '|' || c == ':' || c == '.' || c == '!' || c == '?' || c == '>' || c == '<' ||
           c == '#';
  };
  for (;;) {
    if (b < e && junk(static_cast<unsigned char>(key[b]))) {
      ++b;
    } else if (e - b >= 2 && key.compare(b, 2, "\xC2\xBB") == 0) {  // »
      b += 2;
    } else if (e - b >= 3 && (key.compare(b, 3, "\xE2\x80\x93") == 0 ||
                              key.compare(b, 3, "\xE2\x86\x92") == 0)) {  // – →
      b += 3;
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && junk(static_cast<unsigned char>(key[e - 1]))) {
      --e;
    } else if (e - b >= 2 && key.compare(e - 2, 2, "\xC2\xBB") == 0) {
      e -= 2;
    } else if (e - b >= 3 && (key.compare(e - 3, 3, "\xE2\x80\x93") == 0 ||
                              key.compare(e - 3, 3, "\xE2\x80\xA6") == 0 ||
                              key.compare(e - 3, 3, "\xE2\x86\x92") == 0 ||
                              key.compare(e - 3, 3, "\xEF\xBC\x9A") == 0)) {  // – … → ：
      e -= 3;
    } else {
      break;
    }
  }
  return key.substr(b, e - b);
}

// Furniture in the languages narrate reads most (en, de, fr, es, it, pt, nl, zh), as whole
// lines (bare keys). Each list names one kind of clutter.
constexpr std::string_view kMoreAdLines[] = {"anzeige",
                                             "werbung",
                                             "advertorial",
                                             "gesponsert",
                                             "sponsored by",
                                             "promoted",
                                             "publicité",
                                             "annonce",
                                             "contenu sponsorisé",
                                             "publicidad",
                                             "anuncio",
                                             "contenido patrocinado",
                                             "publicidade",
                                             "conteúdo patrocinado",
                                             "pubblicità",
                                             "contenuto sponsorizzato",
                                             "advertentie",
                                             "gesponsord",
                                             "\xE5\xB9\xBF\xE5\x91\x8A",
                                             "\xE5\xBB\xA3\xE5\x91\x8A",
                                             "\xE6\x8E\xA8\xE5\xB9\xBF",
                                             "report this ad",
                                             "ad feedback",
                                             "close ad"};

// Lines that open an advertising or affiliate notice ("*Werbung. Dieser Beitrag enthält ...").
constexpr std::string_view kAdPrefixes[] = {"werbung ",
                                            "werbung. ",
                                            "anzeige ",
                                            "anzeige. ",
                                            "dieser beitrag enthält werbung",
                                            "dieser artikel enthält werbung",
                                            "dieser beitrag enthält affiliate",
                                            "dieser artikel enthält affiliate",
                                            "this post contains affiliate",
                                            "this post may contain affiliate",
                                            "this article contains affiliate",
                                            "this article may contain affiliate",
                                            "cet article contient des liens affiliés",
                                            "este artículo contiene enlaces de afiliados",
                                            "este post contém links de afiliados",
                                            "questo articolo contiene link di affiliazione",
                                            "dit artikel bevat affiliate"};

constexpr std::string_view kMoreShareLines[] = {  // a blog's like button as it loads
    "like loading",
    "gefällt mir wird geladen",
    "j'aime chargement",
    "j’aime chargement",
    "me gusta cargando",
    "mi piace caricamento",
    "curtir carregando",
    "vind ik leuk laden",
    "teilen",
    "artikel teilen",
    "beitrag teilen",
    "jetzt teilen",
    "drucken",
    "artikel drucken",
    "rezept drucken",
    "seite drucken",
    "per e-mail senden",
    "per mail versenden",
    "link kopieren",
    "partager",
    "partager cet article",
    "imprimer",
    "imprimer l'article",
    "envoyer par e-mail",
    "copier le lien",
    "compartir",
    "compartir en facebook",
    "compartir en twitter",
    "imprimir",
    "enviar por correo",
    "copiar enlace",
    "compartilhar",
    "compartilhe",
    "copiar link",
    "condividi",
    "condividi su facebook",
    "stampa",
    "invia per email",
    "copia link",
    "delen",
    "deel dit artikel",
    "afdrukken",
    "kopieer link",
    "\xE5\x88\x86\xE4\xBA\xAB",
    "\xE5\x88\x86\xE4\xBA\xAB\xE5\x88\xB0",
    "\xE6\x89\x93\xE5\x8D\xB0",
    "be sociable, share",
    "share this post",
    "print this page",
    "print article",
    "print recipe",
    "print this article",
    "jump to recipe",
    "pin recipe",
    "email this article",
    "send to a friend",
    "share on whatsapp",
    "share on linkedin"};

constexpr std::string_view kMoreListHeaders[] = {
    "zum weiterlesen",
    "weiterlesen",
    "weitere informationen",
    "mehr informationen",
    "weitere infos",
    "mehr zum thema",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "das könnte ihnen auch gefallen",
    "das könnte sie auch interessieren",
    "auch interessant",
    "passend zum thema",
    "ähnliche artikel",
    "ähnliche beiträge",
    "verwandte artikel",
    "verwandte themen",
    "empfehlungen",
    "lust auf mehr",
    "inhaltsverzeichnis",
    "inhalt",
    "kontakt",
    "pressekontakt",
    "weitere artikel zum thema",
    "meistgelesene artikel",
    "neueste artikel",
    "aktuelle artikel",
    "table of contents",
    "contents",
    "more from",
    "related reading",
    "keep reading",
    "more to read",
    "what to read next",
    "don't miss",
    "sommaire",
    "à lire",
    "en savoir plus",
    "pour aller plus loin",
    "plus d'infos",
    "dans la même rubrique",
    "nos articles",
    "articles récents",
    "más información",
    "ver más",
    "índice",
    "te recomendamos",
    "lo último",
    "últimas noticias",
    "lea también",
    "lee también",
    "relacionadas",
    "saiba mais",
    "mais recentes",
    "leia mais notícias",
    "relacionadas",
    "indice",
    "per saperne di più",
    "ti potrebbe interessare",
    "potrebbe interessarti anche",
    "più letti",
    "ultime notizie",
    "correlati",
    "inhoudsopgave",
    "lees meer",
    "lees verder",
    "ook interessant",
    "gerelateerd",
    "meest gelezen",
    "laatste nieuws",
    "\xE7\x9B\xB8\xE5\x85\xB3\xE9\x98\x85\xE8\xAF\xBB",  // 相关阅读
    "\xE7\x9B\xB8\xE5\x85\xB3\xE6\x96\xB0\xE9\x97\xBB",  // 相关新闻
    "\xE7\x9B\xB8\xE5\x85\xB3\xE6\x96\x87\xE7\xAB\xA0",  // 相关文章
    "\xE5\xBB\xB6\xE4\xBC\xB8\xE9\x98\x85\xE8\xAF\xBB",  // 延伸阅读
    "\xE6\x8E\xA8\xE8\x8D\x90\xE9\x98\x85\xE8\xAF\xBB",  // 推荐阅读
    "\xE7\x83\xAD\xE9\x97\xA8\xE6\x96\x87\xE7\xAB\xA0",  // 热门文章
    "\xE9\x98\x85\xE8\xAF\xBB\xE6\x9B\xB4\xE5\xA4\x9A",  // 阅读更多
    "\xE7\x9B\xAE\xE5\xBD\x95"};                         // 目录

constexpr std::string_view kMoreCommentLines[] = {
    "comments are closed",
    "leave a reply",
    "leave a reply cancel reply",
    "cancel reply",
    "post comment",
    "show all comments",
    "reader comments",
    "kommentare",
    "kommentar",
    "kommentar schreiben",
    "kommentieren",
    "schreibe einen kommentar",
    "kommentare anzeigen",
    "kommentare sind geschlossen",
    "leserkommentare",
    "commentaires",
    "commentaire",
    "laisser un commentaire",
    "ajouter un commentaire",
    "réagir",
    "comentarios",
    "comentario",
    "deja un comentario",
    "deja tu comentario",
    "comentários",
    "deixe um comentário",
    "deixe seu comentário",
    "commenti",
    "lascia un commento",
    "commenta",
    "reacties",
    "reageer",
    "laat een reactie achter",
    "plaats een reactie",
    "\xE8\xAF\x84\xE8\xAE\xBA",                           // 评论
    "\xE5\x8F\x91\xE8\xA1\xA8\xE8\xAF\x84\xE8\xAE\xBA",   // 发表评论
    "\xE7\xBD\x91\xE5\x8F\x8B\xE8\xAF\x84\xE8\xAE\xBA"};  // 网友评论

constexpr std::string_view kCommentInvitations[] = {"tell us in the comments",
                                                    "let us know in the comments",
                                                    "share your thoughts in the comments",
                                                    "verraten sie gerne in den kommentaren",
                                                    "verraten sie uns in den kommentaren",
                                                    "schreiben sie uns in den kommentaren",
                                                    "schreibt uns in den kommentaren",
                                                    "dites-le-nous en commentaire",
                                                    "dites-nous en commentaire",
                                                    "déjanos tu opinión",
                                                    "cuéntanos en los comentarios",
                                                    "conte pra gente nos comentários",
                                                    "diccelo nei commenti",
                                                    "laat het ons weten in de reacties"};

constexpr std::string_view kMoreLegalLines[] = {"datenschutz",
                                                "datenschutzerklärung",
                                                "impressum",
                                                "cookie-einstellungen",
                                                "alle akzeptieren",
                                                "akzeptieren",
                                                "ablehnen",
                                                "alle ablehnen",
                                                "einstellungen",
                                                "alle angaben ohne gewähr",
                                                "mentions légales",
                                                "politique de confidentialité",
                                                "gérer les cookies",
                                                "tout accepter",
                                                "tout refuser",
                                                "refuser",
                                                "política de privacidad",
                                                "aviso legal",
                                                "aceptar",
                                                "aceptar todo",
                                                "rechazar",
                                                "política de cookies",
                                                "política de privacidade",
                                                "aceitar",
                                                "aceitar todos",
                                                "informativa sulla privacy",
                                                "accetta",
                                                "accetta tutto",
                                                "rifiuta",
                                                "privacybeleid",
                                                "cookiebeleid",
                                                "accepteren",
                                                "alles accepteren",
                                                "weigeren",
                                                "\xE9\x9A\x90\xE7\xA7\x81\xE6\x94\xBF\xE7\xAD\x96",
                                                "cookie preferences",
                                                "do not sell my personal information",
                                                "your privacy choices"};

constexpr std::string_view kMoreLegalPrefixes[] = {
    "wir verwenden cookies",
    "wir nutzen cookies",
    "diese website verwendet cookies",
    "diese webseite verwendet cookies",
    "diese seite verwendet cookies",
    "nous utilisons des cookies",
    "ce site utilise des cookies",
    "en poursuivant votre navigation",
    "utilizamos cookies",
    "este sitio web utiliza cookies",
    "este sitio utiliza cookies",
    "este site utiliza cookies",
    "usamos cookies",
    "utilizziamo i cookie",
    "questo sito utilizza cookie",
    "questo sito utilizza i cookie",
    "wij gebruiken cookies",
    "deze website gebruikt cookies",
    "we gebruiken cookies",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "todos os direitos reservados",
    "tutti i diritti riservati",
    "alle rechten voorbehouden",
    "\xE7\x89\x88\xE6\x9D\x83\xE6\x89\x80\xE6\x9C\x89",              // 版权所有
    "\xE6\x9C\xAC\xE7\xBD\x91\xE7\xAB\x99\xE4\xBD\xBF\xE7\x94\xA8",  // 本网站使用
    "we care about your privacy",
    "we value your privacy",
    "your privacy is important",
    "this site is protected by recaptcha"};

// Subscription, membership and paywall prompts, newsletter sign-ups.
constexpr std::string_view kSubscribePrefixes[] = {"newsletter abonnieren",
                                                   "jetzt abonnieren",
                                                   "jetzt newsletter",
                                                   "melden sie sich",
                                                   "abonnieren sie",
                                                   "jetzt abo",
                                                   "zum abo",
                                                   "bereits abonnent",
                                                   "sie sind bereits abonnent",
                                                   "jetzt weiterlesen",
                                                   "weiterlesen mit",
                                                   "jetzt registrieren",
                                                   "jetzt kostenlos registrieren",
                                                   "abonnez-vous",
                                                   "inscrivez-vous",
                                                   "déjà abonné",
                                                   "recevez notre newsletter",
                                                   "suscríbete",
                                                   "suscríbase",
                                                   "suscribirse",
                                                   "ya eres suscriptor",
                                                   "hazte miembro",
                                                   "hazte socio",
                                                   "únete",
                                                   "unete",
                                                   "recibe nuestro boletín",
                                                   "assine",
                                                   "inscreva-se",
                                                   "já é assinante",
                                                   "cadastre-se",
                                                   "iscriviti",
                                                   "abbonati",
                                                   "sei già abbonato",
                                                   "abonneer",
                                                   "schrijf je in",
                                                   "meld je aan",
                                                   "al abonnee",
                                                   "\xE8\xAE\xA2\xE9\x98\x85",  // 订阅
                                                   "to view the full story",
                                                   "to read the full story",
                                                   "to continue reading",
                                                   "subscribe now",
                                                   "become a member",
                                                   "become a subscriber",
                                                   "already a subscriber",
                                                   "support our journalism",
                                                   "support independent journalism",
                                                   "you have reached your",
                                                   "you've reached your",
                                                   "create a free account",
                                                   "register for free",
                                                   "log in to continue",
                                                   "sign in to continue",
                                                   "subscribers only",
                                                   "this content is for subscribers",
                                                   "this article is for subscribers",
                                                   "dieser artikel ist nur für abonnenten",
                                                   "dieser inhalt ist nur für abonnenten",
                                                   "réservé aux abonnés",
                                                   "exclusivo para suscriptores",
                                                   "exclusivo para assinantes",
                                                   "riservato agli abbonati",
                                                   "alleen voor abonnees"};

// Words of a prompt to subscribe, in any of the languages above.
constexpr std::string_view kSubscribeWords[] = {
    "subscribe",  "subscriber", "subscription", "abonnent", "abonnieren",
    "abonnement", "abonné",     "abonnez",      "suscri",   "assinante",
    "assinatura", "abbonat",    "abbonamento",  "abonnee"};

// Second person: a prompt speaks to the reader.
constexpr std::string_view kReaderWords[] = {" you",   "you ",  "your",  " sie ",  " ihr",  " du ",
                                             " dich",  " dein", " vous", " votre", " tu ",  " te ",
                                             " usted", " você", " seu ", " sua ",  " voi ", " tuo ",
                                             " jij",   " je ",  " uw "};

// Reading-time lines: "5 Min. Lesezeit", "3 minutes de lecture", "阅读时间".
constexpr std::string_view kReadingTimeWords[] = {
    "min lesezeit",
    "min. lesezeit",
    "minuten lesezeit",
    "minute lesezeit",
    "min de lecture",
    "minutes de lecture",
    "minute de lecture",
    "min de lectura",
    "minutos de lectura",
    "minuto de lectura",
    "min de leitura",
    "minutos de leitura",
    "minuto de leitura",
    "min di lettura",
    "minuti di lettura",
    "minuto di lettura",
    "min leestijd",
    "minuten leestijd",
    "minuut leestijd",
    "min. leestijd",
    "minutes read",
    "minute read",
    "\xE5\x88\x86\xE9\x92\x9F\xE9\x98\x85\xE8\xAF\xBB",  // 分钟阅读
    "\xE9\x98\x85\xE8\xAF\xBB\xE6\x97\xB6\xE9\x97\xB4",  // 阅读时间
    "lesedauer",
    "tiempo estimado de lectura",
    "tempo de leitura",
    "tempo di lettura",
    "leestijd"};

// A listen widget in other words and languages, and the notice that its voice is synthetic.
constexpr std::string_view kMoreWidgetLines[] = {
    "listen now",
    "listen to the article",
    "listen to this post",
    "audio version",
    "artikel anhören",
    "beitrag anhören",
    "diesen artikel anhören",
    "artikel vorlesen",
    "vorlesen",
    "vorlesen lassen",
    "anhören",
    "écouter",
    "écouter cet article",
    "écouter l'article",
    "escucha esta noticia",
    "escuchar noticia",
    "escuchar",
    "escuchar artículo",
    "ouvir",
    "ouça esta notícia",
    "ouvir esta notícia",
    "ouvir notícia",
    "ascolta",
    "ascolta l'articolo",
    "ascolta questo articolo",
    "luister",
    "luister naar dit artikel",
    "beluister dit artikel",
    "wird geladen",
    "loading",
    "cargando",
    "chargement",
    "caricamento",
    "carregando",
    "\xE5\x8A\xA0\xE8\xBD\xBD\xE4\xB8\xAD",              // 加载中
    "\xE6\x94\xB6\xE5\x90\xAC\xE6\x9C\xAC\xE6\x96\x87",  // 收听本文
    "\xE6\x9C\x97\xE8\xAF\xBB",                          // 朗读
    "\xE5\x90\xAC\xE6\x96\xB0\xE9\x97\xBB"};             // 听新闻

constexpr std::string_view kVoiceWords[] = {"audio",
                                            "áudio",
                                            "voice",
                                            "listen",
                                            "narrat",
                                            "read by",
                                            "stimme",
                                            "vorgelesen",
                                            "anhören",
                                            "voix",
                                            "écouter",
                                            "lu par",
                                            "voz",
                                            "escuchar",
                                            "narrad",
                                            "ouvir",
                                            "narrad",
                                            "voce",
                                            "ascolt",
                                            "stem",
                                            "voorgelezen",
                                            "luister",
                                            "\xE8\xAF\xAD\xE9\x9F\xB3",   // 语音
                                            "\xE6\x9C\x97\xE8\xAF\xBB"};  // 朗读

constexpr std::string_view kSyntheticWords[] = {
    "generated",
    "synthetic",
    "artificial intelligence",
    " ai ",
    " ai-",
    "ai voice",
    "ai-generated",
    "automated",
    "automatically",
    "computer-generated",
    "text-to-speech",
    "künstlich",
    "generiert",
    " ki ",
    " ki-",
    "ki-stimme",
    "automatisch",
    "synthèse",
    "générée",
    "artificielle",
    " ia ",
    "generada",
    "generado",
    "sintética",
    "sintetizada",
    "gerado",
    "gerada",
    "inteligência artificial",
    "generato",
    "generata",
    "artificiale",
    "sintetica",
    "kunstmatige",
    "gegenereerd",
    "computerstem",
    "\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD",  // 人工智能
    "\xE5\x90\x88\xE6\x88\x90",
    " ai"};  // 合成

constexpr std::string_view kMoreCreditPrefixes[] = {
    "titelbild:",
    "bildquelle:",
    "bildnachweis:",
    "fotos:",
    "quelle:",
    "fotonachweis:",
    "crédit photo",
    "crédits photo",
    "crédit :",
    "crédits :",
    "fuente:",
    "foto:",
    "créditos:",
    "crédito:",
    "fonte:",
    "foto di ",
    "foto van ",
    "beeld:",
    "image credit",
    "source:",
    "\xE5\x9B\xBE\xE7\x89\x87\xE6\x9D\xA5\xE6\xBA\x90",  // 图片来源
    "\xE6\x91\x84\xE5\xBD\xB1\xEF\xBC\x9A",              // 摄影：
    "\xE5\x9B\xBE\xEF\xBC\x9A",                          // 图：
    "\xE6\x9D\xA5\xE6\xBA\x90\xEF\xBC\x9A"};             // 来源：

bool mentions_reader(const std::string& key) {
  const std::string padded = " " + key + " ";
  return contains_any(padded, kReaderWords);
}

// "To view the full story, please subscribe", "Subscribe now to our eNATION edition for the
// full story", "Hazte miembro y disfruta de beneficios exclusivos": a prompt to pay or sign up.
bool is_subscription_prompt(const std::string& key, const std::string& bare) {
  if (key.size() > 400) return false;
  if (starts_any(bare, kSubscribePrefixes)) return word_count(key) <= 40;
  static constexpr std::string_view kPromptWords[] = {"please",
                                                      "now",
                                                      "today",
                                                      "click",
                                                      "already",
                                                      "log in",
                                                      "sign in",
                                                      "full story",
                                                      "exclusive",
                                                      "unlimited",
                                                      "access",
                                                      "jetzt",
                                                      "hier",
                                                      "bereits",
                                                      "maintenant",
                                                      "ici",
                                                      "déjà",
                                                      "ahora",
                                                      "aquí",
                                                      "ya ",
                                                      "agora",
                                                      "aqui",
                                                      "já ",
                                                      "ora ",
                                                      "qui ",
                                                      "già",
                                                      "nu ",
                                                      "al ",
                                                      "\xE7\x8E\xB0\xE5\x9C\xA8"};
  return contains_any(key, kSubscribeWords) && word_count(key) <= 30 && mentions_reader(key) &&
         contains_any(key, kPromptWords);
}

// "This audio was generated by AI", "Diese Audioversion wurde künstlich erzeugt".
bool is_synthetic_voice_notice(const std::string& key) {
  if (key.size() > 300 || word_count(key) > 35) return false;
  const std::string padded = " " + key + " ";
  return contains_any(padded, kVoiceWords) && contains_any(padded, kSyntheticWords);
}

bool is_more_reading_time(const std::string& bare) {
  if (bare.size() > 60) return false;
  const bool digit_first = !bare.empty() && std::isdigit(static_cast<unsigned char>(bare[0]));
  if (!contains_any(bare, kReadingTimeWords)) return false;
  return digit_first || bare.find_first_of("0123456789") != std::string::npos ||
         word_count(bare) <= 4;
}

// "Lust auf mehr? Lass dir die besten Storys ... Melde dich hier für unseren Newsletter an!":
// a sign-up prompt that names the newsletter and speaks to the reader.
bool is_newsletter_prompt(const std::string& key) {
  static constexpr std::string_view kNewsletterWords[] = {"newsletter", "nieuwsbrief", "boletín",
                                                          "infolettre", "lettre d'information"};
  return key.size() < 400 && word_count(key) <= 40 && contains_any(key, kNewsletterWords) &&
         mentions_reader(key);
}

// Button labels that a copied or flattened toolbar runs together ("Rezept drucken Bei
// Pinterest speichern").
constexpr std::string_view kButtonPhrases[] = {"bei pinterest speichern",
                                               "auf pinterest merken",
                                               "rezept drucken",
                                               "rezept speichern",
                                               "artikel merken",
                                               "artikel drucken",
                                               "print recipe",
                                               "save recipe",
                                               "jump to recipe",
                                               "pin recipe",
                                               "pin it",
                                               "imprimir receta",
                                               "imprimer la recette",
                                               "stampa ricetta",
                                               "merken",
                                               "speichern",
                                               "drucken",
                                               "teilen",
                                               "print",
                                               "save",
                                               "share",
                                               "tweet",
                                               "email",
                                               "e-mail",
                                               "facebook",
                                               "twitter",
                                               "pinterest",
                                               "whatsapp",
                                               "linkedin",
                                               "partager",
                                               "imprimer",
                                               "compartir",
                                               "imprimir",
                                               "condividi",
                                               "stampa",
                                               "delen",
                                               "afdrukken"};

// True when the line is nothing but two or more button labels.
bool is_button_row(const std::string& key) {
  if (key.size() > 120) return false;
  std::string_view rest = key;
  int buttons = 0;
  for (;;) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '|' || rest.front() == '/' ||
                             rest.front() == ',' || rest.front() == '-')) {
      rest.remove_prefix(1);
    }
    if (rest.empty()) break;
    bool matched = false;
    for (const std::string_view phrase : kButtonPhrases) {
      if (rest.starts_with(phrase) && (rest.size() == phrase.size() || rest[phrase.size()] == ' ' ||
                                       rest[phrase.size()] == '|' || rest[phrase.size()] == ',')) {
        rest.remove_prefix(phrase.size());
        ++buttons;
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return buttons >= 2;
}

// "Download the Nationnews apps for iOS and Android": an app-store prompt.
bool is_app_prompt(const std::string& key) {
  return key.size() < 250 &&
         (key.find("download") != std::string::npos ||
          key.find("herunterladen") != std::string::npos ||
          key.find("descarga") != std::string::npos ||
          key.find("télécharge") != std::string::npos) &&
         (key.find(" app") != std::string::npos) &&
         (key.find("android") != std::string::npos || key.find("ios") != std::string::npos ||
          key.find("app store") != std::string::npos ||
          key.find("google play") != std::string::npos);
}

template <std::size_t N>
bool starts_any(std::string_view key, const std::array<std::string_view, N>& list) {
  for (const std::string_view item : list) {
    if (key.substr(0, item.size()) == item) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 24> kAdLines = {"advertisement",
                                                       "advertising",
                                                       "anzeige",
                                                       "werbung",
                                                       "publicidad",
                                                       "publicité",
                                                       "publicite",
                                                       "pubblicità",
                                                       "advertentie",
                                                       "reklame",
                                                       "ad",
                                                       "ads",
                                                       "sponsored",
                                                       "sponsored content",
                                                       "paid content",
                                                       "paid post",
                                                       "story continues below",
                                                       "story continues below advertisement",
                                                       "article continues below",
                                                       "article continues below advertisement",
                                                       "continue reading below",
                                                       "scroll to continue with content",
                                                       "skip advertisement",
                                                       "advertisement - scroll to continue"};

constexpr std::array<std::string_view, 19> kShareLines = {"share",
                                                          "share this",
                                                          "share this article",
                                                          "share this story",
                                                          "share article",
                                                          "share story",
                                                          "share on facebook",
                                                          "share on twitter",
                                                          "share via email",
                                                          "tweet",
                                                          "copy link",
                                                          "link copied",
                                                          "copied",
                                                          "save",
                                                          "save article",
                                                          "print",
                                                          "email",
                                                          "gift this article",
                                                          "share full article"};

constexpr std::array<std::string_view, 22> kSocialWords = {
    "facebook",  "twitter",   "x",        "linkedin",  "whatsapp", "email",   "e-mail", "mail",
    "reddit",    "pinterest", "telegram", "messenger", "print",    "copy",    "link",   "share",
    "flipboard", "threads",   "bluesky",  "sms",       "tumblr",   "comments"};

constexpr std::array<std::string_view, 80> kListHeaders = {
    "related", "related articles", "related stories", "related content", "related news",
    "related coverage", "related topics", "related links", "related posts", "more on this story",
    "more on this topic", "most popular", "most read", "most viewed", "most shared", "trending",
    "trending now", "read more", "read next", "recommended", "recommended for you",
    "recommended stories", "you may also like", "you might also like", "you may like",
    "you might like", "you may be interested in", "more stories", "top stories", "editor's picks",
    "editors' picks", "see also", "also read", "more from this section", "latest news", "more news",
    "popular posts", "recent posts", "further reading",
    // de
    "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren", "meistgelesen",
    "weitere artikel",
    // fr
    "lire aussi", "à lire aussi", "sur le même sujet", "les plus lus", "articles similaires",
    "à lire également",
    // es
    "te puede interesar", "también te puede interesar", "leer más", "noticias relacionadas",
    "lo más leído", "más noticias", "artículos relacionados",
    // pt
    "você pode gostar", "você também pode gostar", "veja também", "leia também", "leia mais",
    "notícias relacionadas", "posts relacionados", "mais lidas", "relacionados",
    // topic and tag lists
    "topics", "tags", "more on these topics", "explore more on these topics", "themen", "sujets",
    "temas", "argomenti",
    // it, nl
    "leggi anche", "potrebbe interessarti", "articoli correlati", "lees ook", "meer nieuws",
    "gerelateerde artikelen"};

constexpr std::array<std::string_view, 10> kLinkPrefixes = {
    "related:",     "read more:", "read also:", "also read:", "see also:",
    "recommended:", "read:",      "watch:",     "more:",      "lesen sie auch:"};

constexpr std::array<std::string_view, 12> kCommentLines = {"comments",
                                                            "comment",
                                                            "show comments",
                                                            "view comments",
                                                            "add a comment",
                                                            "leave a comment",
                                                            "post a comment",
                                                            "join the conversation",
                                                            "join the discussion",
                                                            "load comments",
                                                            "read comments",
                                                            "discussion"};

constexpr std::array<std::string_view, 14> kLegalPrefixes = {"©",
                                                             "(c) ",
                                                             "copyright ©",
                                                             "copyright (c)",
                                                             "we use cookies",
                                                             "this site uses cookies",
                                                             "this website uses cookies",
                                                             "by continuing to use",
                                                             "accept cookies",
                                                             "accept all cookies",
                                                             "cookie settings",
                                                             "cookie policy",
                                                             "manage cookies",
                                                             "manage preferences"};

constexpr std::array<std::string_view, 8> kLegalLines = {
    "privacy policy", "terms of use", "terms of service", "terms and conditions",
    "accept",         "accept all",   "reject all",       "all rights reserved"};

constexpr std::array<std::string_view, 8> kWidgetLines = {
    "select voice",           "choose your listening speed", "get through articles 2x faster",
    "listen to this article", "listen to article",           "listen to this story",
    "play article",           "audio is not supported"};

// The buttons of an image viewer or gallery, printed as text.
constexpr std::array<std::string_view, 10> kViewerLines = {
    "caption", "close",   "hide caption",       "show caption", "toggle caption",
    "expand",  "enlarge", "enlarge this image", "view gallery", "open gallery"};

constexpr std::array<std::string_view, 11> kWeakWidgetWords = {
    "slow", "average", "fast",  "normal", "faster", "slower",
    "play", "pause",   "speed", "listen", "voice"};

constexpr std::string_view kCreditMarkers[] = {
    "photo:",
    "photos:",
    "photograph:",
    "image:",
    "illustration:",
    "picture:",
    "credit:",
    "foto:",
    "bild:",
    "graphic:",
    "fotos:",
    "bildquelle:",
    "quelle:",
    "bildnachweis:",
    "fotonachweis:",
    "titelbild:",
    "crédit photo:",
    "crédits photo:",
    "crédit:",
    "crédits:",
    "fuente:",
    "fonte:",
    "crédito:",
    "créditos:",
    "beeld:",
    "fotografie:",
    "source:",
    "\xE5\x9B\xBE\xE7\x89\x87\xE6\x9D\xA5\xE6\xBA\x90:",  // 图片来源
    "\xE6\x91\x84\xE5\xBD\xB1:",                          // 摄影
    "\xE6\x9D\xA5\xE6\xBA\x90:"};                         // 来源

// "… Photo by Sam Okoro", "… Foto di Autorità portuale": a credit as the caption's last words.
constexpr std::string_view kCreditBy[] = {
    "photo by ", "photos by ", "image by ", "foto di ",  "foto van ",
    "foto de ",  "foto von ",  "foto: ",    "fotos de ", "photo : "};

// The key with the colon forms credits are written with made plain: "Crédit photo : X" and
// "图片来源：X" read as "crédit photo: x".
std::string credit_key(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key.compare(i, 3, "\xEF\xBC\x9A") == 0) {  // ：
      out.push_back(':');
      i += 2;
      continue;
    }
    if (key[i] == ' ' && i + 1 < key.size() && key[i + 1] == ':') continue;
    out.push_back(key[i]);
  }
  return out;
}

constexpr std::array<std::string_view, 7> kCreditEndings = {
    "getty images", "shutterstock", "alamy", "ap photo)", "/ reuters", "via reuters", "/ afp"};

bool is_number_unit(const std::string& key, std::string_view unit) {
  // "1.25x", "250 wpm": digits (with one '.') then the unit.
  std::size_t i = 0;
  bool digits = false;
  while (i < key.size() && (std::isdigit(static_cast<unsigned char>(key[i])) || key[i] == '.')) {
    digits = digits || key[i] != '.';
    ++i;
  }
  return digits && trim(std::string_view(key).substr(i)) == unit;
}

bool is_reading_time(const std::string& key) {
  constexpr std::array<std::string_view, 7> kPrefixes = {
      "reading time",      "read time",        "lesezeit", "temps de lecture",
      "tiempo de lectura", "tempo di lettura", "leestijd"};
  if (key.size() < 40 && starts_any(key, kPrefixes)) return true;
  // "4 min read", "5 minute read", "3 mins read"
  if (key.size() < 24 && !key.empty() && std::isdigit(static_cast<unsigned char>(key[0])) &&
      (key.ends_with("min read") || key.ends_with("mins read") || key.ends_with("minute read") ||
       key.ends_with("minutes read") || key.ends_with("min. read"))) {
    return true;
  }
  return false;
}

// A line that is one web address: the page's own link printed for sharing.
bool is_bare_url(const std::string& key) {
  return (key.starts_with("http://") || key.starts_with("https://") || key.starts_with("www.")) &&
         key.find(' ') == std::string::npos;
}

bool is_social_line(const std::string& key) {
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find_first_of(" /|,", start);
    if (end == std::string::npos) end = key.size();
    const std::string word = key.substr(start, end - start);
    if (!word.empty()) {
      if (!in(word, kSocialWords)) return false;
      ++words;
    }
    start = end + 1;
  }
  return words >= 2;
}

bool is_credit(std::string_view line, const std::string& raw_key) {
  if (raw_key.size() > 400) return false;
  // "(Photo: Reuters)": a credit in brackets is a credit.
  if (raw_key.size() > 2 && raw_key.front() == '(' && raw_key.back() == ')' &&
      raw_key.find_first_of("()", 1) == raw_key.size() - 1) {
    const std::string inner = raw_key.substr(1, raw_key.size() - 2);
    return is_credit(inner, inner);
  }
  const std::string key = credit_key(raw_key);
  // The caption's last sentence is the credit: "... of the first beds. Photo by Sam Okoro".
  for (std::size_t stop = key.rfind(". "); stop != std::string::npos;) {
    const std::string_view rest = std::string_view(key).substr(stop + 2);
    for (const std::string_view by : kCreditBy) {
      if (rest.starts_with(by) && word_count(rest) <= 7 && !ends_sentence(rest)) return true;
    }
    break;
  }
  // Every marker ends in ':' and the credit after it is a few words: only the colons near the
  // end of the line are looked at.
  constexpr std::size_t kMaxCreditBytes = 120;
  for (std::size_t colon = key.rfind(':');
       colon != std::string::npos && key.size() - colon <= kMaxCreditBytes;
       colon = colon == 0 ? std::string::npos : key.rfind(':', colon - 1)) {
    for (const std::string_view marker : kCreditMarkers) {
      if (colon + 1 < marker.size()) continue;
      const std::size_t pos = colon + 1 - marker.size();
      if (std::string_view(key).substr(pos, marker.size()) != marker) continue;
      // The marker opens the line or follows the caption's own sentence.
      const bool at_start = pos == 0;
      const bool after_sentence =
          (pos >= 2 && key[pos - 1] == ' ' &&
           (ends_with_punctuation(key.substr(0, pos - 1)) || key[pos - 2] == ')')) ||
          (pos >= 3 && key.compare(pos - 3, 3, "\xE3\x80\x82") == 0);
      if (!at_start && !after_sentence) continue;
      const std::string_view credit = trim(std::string_view(key).substr(colon + 1));
      if (!credit.empty() && word_count(credit) <= 8 &&
          credit.find(". ") == std::string_view::npos) {
        return true;
      }
    }
  }
  if (key.starts_with("photo by ") || key.starts_with("photograph by ") ||
      key.starts_with("image by ") || key.starts_with("photo credit")) {
    return word_count(line) <= 10;
  }
  for (const std::string_view ending : kCreditEndings) {
    if (key.ends_with(ending)) return true;
  }
  // "Installation views, photos © Inexhibit, 2018": a caption with its copyright holder.
  const std::size_t copyright = key.find("\xC2\xA9");
  return copyright != std::string::npos && copyright > 0 && word_count(key) <= 25 &&
         !ends_sentence(line);
}

bool is_newsletter(const std::string& key) {
  constexpr std::array<std::string_view, 8> kPrefixes = {"sign up for",
                                                         "sign up to",
                                                         "subscribe to",
                                                         "get our",
                                                         "enter your email",
                                                         "by signing up",
                                                         "thank you for signing up",
                                                         "get the latest"};
  if (key == "sign up" || key == "subscribe" || key == "newsletter" || key == "subscribe now") {
    return true;
  }
  if (!starts_any(key, kPrefixes) || key.size() > 200) return false;
  return key.find("newsletter") != std::string::npos || key.find("email") != std::string::npos ||
         key.find("inbox") != std::string::npos || key.find("briefing") != std::string::npos ||
         key.find("alerts") != std::string::npos || key.find("our ") != std::string::npos ||
         word_count(key) <= 6;
}

bool is_byline(std::string_view line, const std::string& key) {
  // "By Jane Doe", "By Jane Doe 2 May 2024, 9:15 a.m.": a name, perhaps a date, no sentence.
  if (!key.starts_with("by ") || word_count(line) > 12) return false;
  if (ends_sentence(line) && key.find_first_of("0123456789") == std::string::npos) return false;
  // "By Jane Doe and John Roe": the name starts with a capital letter.
  const std::string_view rest = trim(trim(line).substr(3));
  return !rest.empty() && (std::isupper(static_cast<unsigned char>(rest[0])) ||
                           static_cast<unsigned char>(rest[0]) >= 0x80);
}

// A block's comparison key with a 256-bit set of its words' hashes: a block can only contain
// another if it has all of the other's words, which the bit sets rule out cheaply.
struct BlockKey {
  std::size_t index = static_cast<std::size_t>(-1);
  std::string text;
  std::array<std::uint64_t, 4> words{};

  bool may_contain(const BlockKey& other) const {
    for (std::size_t k = 0; k < words.size(); ++k) {
      if ((other.words[k] & ~words[k]) != 0) return false;
    }
    return true;
  }
};

// The keys of the blocks around a position, computed once each: a ring of 2 * window + 1 keys,
// so memory stays flat however long the document is.
class KeyWindow {
 public:
  KeyWindow(const std::vector<Block>& blocks, std::size_t window)
      : blocks_(blocks), ring_(2 * window + 1) {}

  const BlockKey& at(std::size_t i) {
    BlockKey& key = ring_[i % ring_.size()];
    if (key.index == i) return key;
    key.index = i;
    key.text = comparison_key(blocks_[i].text);
    key.words.fill(0);
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over each word
    for (std::size_t c = 0; c <= key.text.size(); ++c) {
      if (c == key.text.size() || key.text[c] == ' ') {
        key.words[(hash >> 6) & 3] |= std::uint64_t{1} << (hash & 63);
        hash = 14695981039346656037ull;
        continue;
      }
      hash = (hash ^ static_cast<unsigned char>(key.text[c])) * 1099511628211ull;
    }
    return key;
  }

 private:
  const std::vector<Block>& blocks_;
  std::vector<BlockKey> ring_;
};

constexpr std::array<std::string_view, 21> kDatePrefixes = {
    "published",      "updated",      "last updated", "first published", "posted",
    "publicado",      "atualizado",   "actualizado",  "publié",          "mis à jour",
    "veröffentlicht", "aktualisiert", "pubblicato",   "aggiornato",      "gepubliceerd",
    "bijgewerkt",     "date:",        "datum:",       "fecha:",          "stand:",
    "release date"};

bool is_numeric_date(std::string_view token);

// "Published: 3:00pm, 12 Aug 2020", "Updated at 1:23 p.m.", "Posted: Fri 6:45 PM |": a date
// after a publishing word, not a sentence (a time's "p.m." may end it).
bool is_dateline(std::string_view line, const std::string& key) {
  // The full stop after a date in figures ("Aktualisiert am 17.01.2021.") ends no sentence.
  std::string_view last = trim(line);
  const bool stop = last.ends_with('.');
  if (stop) last.remove_suffix(1);
  if (const std::size_t space = last.rfind(' '); space != std::string_view::npos) {
    last.remove_prefix(space + 1);
  }
  const bool date_stop = stop && is_numeric_date(last);
  return starts_any(key, kDatePrefixes) && key.size() < 80 &&
         key.find_first_of("0123456789") != std::string::npos &&
         (!ends_sentence(line) || key.ends_with("a.m") || key.ends_with("p.m") || date_stop);
}

// Labels of the fields a blog prints around a post ("Posted by: Ann - Category: Walks - Tags:").
constexpr std::array<std::string_view, 16> kFieldLabels = {
    "tags:",       "tagged:",       "topics:",    "category:",  "categories:", "categoria:",
    "categorias:", "categoría:",    "catégorie:", "kategorie:", "posted by",   "posted in",
    "filed under", "publicado por", "publié par", "autor:"};

bool is_meta_line(std::string_view line, const std::string& raw_key) {
  if (raw_key.size() > 200 || ends_sentence(line)) return false;
  // "Category : Press releases": a space before the colon, as French typography sets it.
  std::string key = raw_key;
  for (std::size_t at = key.find(" :"); at != std::string::npos; at = key.find(" :", at)) {
    key.erase(at, 1);
  }
  std::size_t labels = 0;
  for (const std::string_view label : kFieldLabels) {
    if (key.find(label) != std::string::npos) ++labels;
  }
  // One label opening the line ("Tags: a, b"), or two anywhere in it.
  return labels >= 2 || (labels == 1 && starts_any(key, kFieldLabels));
}

// Month and weekday names, in the languages guess_language knows (lowercase).
const std::unordered_set<std::string_view>& date_words() {
  static const std::unordered_set<std::string_view> kWords = {
      // en
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
      "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
      "sun",
      // de
      "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag",
      "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
      // fr
      "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
      "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
      "dimanche",
      // es, pt, it
      "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
      "sábado", "domingo", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
      "outubro", "dezembro", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
      "sexta-feira", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
      "ottobre", "dicembre", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
      "domenica",
      // nl
      "januari", "februari", "maart", "mei", "augustus", "maandag", "dinsdag", "woensdag",
      "donderdag", "vrijdag", "zaterdag", "zondag"};
  return kWords;
}

// Words that join the parts of a date or time, and zones.
const std::unordered_set<std::string_view>& date_joiners() {
  static const std::unordered_set<std::string_view> kWords = {
      "of", "the", "at",  "on",  "am",  "pm",  "a.m", "p.m",  "a.m.", "p.m.", "utc", "gmt",
      "et", "est", "edt", "pst", "pdt", "bst", "cet", "cest", "h",    "um",   "uhr", "le",
      "à",  "de",  "del", "às",  "as",  "a",   "y",   "e",    "alle", "ore",  "om"};
  return kWords;
}

// "18.11.2019", "18/11/2019", "2019-11-18": a whole date in figures (day and month of one or
// two digits, a four-digit year first or last, one kind of separator).
bool is_numeric_date(std::string_view token) {
  if (token.size() < 8 || token.size() > 10) return false;
  const std::size_t first = token.find_first_not_of("0123456789");
  if (first == std::string_view::npos) return false;
  const char separator = token[first];
  if (separator != '.' && separator != '/' && separator != '-') return false;
  std::vector<std::size_t> widths{0};
  for (const char c : token) {
    if (c == separator) {
      widths.push_back(0);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      ++widths.back();
    } else {
      return false;
    }
  }
  if (widths.size() != 3) return false;
  const auto short_part = [](std::size_t w) { return w == 1 || w == 2; };
  return (widths[0] == 4 && short_part(widths[1]) && short_part(widths[2])) ||
         (widths[2] == 4 && short_part(widths[0]) && short_part(widths[1]));
}

// "segunda-feira, 22 de janeiro de 2018 às 0:13", "Nov 18, 2019", "18.11.2019 um 14:30 Uhr":
// nothing but date words and numbers, with a number and a month or weekday name (so "2 of 3",
// a table row of figures or the "4:14 p.m." heading of a live report is not a date line).
bool is_date_only(const std::string& key) {
  std::size_t tokens = 0;
  bool number = false;
  bool named = false;
  for (std::size_t start = 0; start < key.size();) {
    std::size_t end = key.find_first_of(" ,|", start);
    if (end == std::string::npos) end = key.size();
    const std::string_view token = std::string_view(key).substr(start, end - start);
    start = end + 1;
    if (token.empty() || token == "-" || token == "\xE2\x80\x93" || token == "\xC2\xB7") continue;
    if (++tokens > 12) return false;
    if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      // 22, 2018, 0:13, 18.11.2019, 22/01/2018, 9h30, 5pm, 22nd
      for (const char c : token) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ':' && c != '.' && c != '/' &&
            c != '-') {
          return false;
        }
      }
      number = true;
      named = named || is_numeric_date(token);
      continue;
    }
    if (date_words().count(token) != 0) {
      named = true;
    } else if (date_joiners().count(token) == 0) {
      return false;
    }
  }
  return number && named && (tokens >= 2 || is_numeric_date(key));
}

// "Image 1 of 5", "Photo 3/12": the counter of a gallery.
bool is_gallery_counter(const std::string& key) {
  constexpr std::array<std::string_view, 7> kWords = {"image ", "photo ", "picture ", "slide ",
                                                      "foto ",  "bild ",  "imagen "};
  for (const std::string_view word : kWords) {
    if (!key.starts_with(word)) continue;
    std::size_t i = word.size();
    const auto digits = [&] {
      const std::size_t from = i;
      while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
      return i > from;
    };
    if (!digits()) return false;
    const std::string_view rest = std::string_view(key).substr(i);
    for (const std::string_view of : {" of ", "/", " / ", " von ", " de ", " sur ", " di "}) {
      if (rest.starts_with(of)) {
        i += of.size();
        return digits() && i == key.size();
      }
    }
    return false;
  }
  return false;
}

}  // namespace

Clutter classify_line(std::string_view line) {
  if (trim(line).size() > 1000) return Clutter::None;  // long before the 600 below: no copy
  const std::string key = key_of(line);
  if (key.empty()) return Clutter::None;
  if (key.size() > 600) return Clutter::None;  // only short lines are furniture
  if (in(key, kAdLines)) return Clutter::Ad;
  if (is_reading_time(key)) return Clutter::ReadingTime;
  const std::string bare = bare_key(key);
  if (!bare.empty()) {
    if (in(bare, kMoreAdLines) || (starts_any(bare, kAdPrefixes) && key.size() < 300)) {
      return Clutter::Ad;
    }
    if (is_more_reading_time(bare)) return Clutter::ReadingTime;
    if (in(bare, kMoreWidgetLines) || is_synthetic_voice_notice(key)) return Clutter::Widget;
    if (in(bare, kMoreShareLines)) return Clutter::Share;
    if (in(bare, kMoreListHeaders)) return Clutter::ListHeader;
    if (in(bare, kMoreCommentLines) ||
        (starts_any(bare, kCommentInvitations) && word_count(key) <= 30)) {
      return Clutter::Comments;
    }
    if (in(bare, kMoreLegalLines) || (starts_any(bare, kMoreLegalPrefixes) && key.size() < 400)) {
      return Clutter::Legal;
    }
    if (is_subscription_prompt(key, bare) || is_app_prompt(key) || is_newsletter_prompt(key)) {
      return Clutter::Newsletter;
    }
    if (is_button_row(key)) return Clutter::Share;
    if (bare == "credit" || bare == "credits" || bare == "bildquelle" || bare == "fotos" ||
        bare == "crédits" || bare == "créditos") {
      return Clutter::Credit;
    }
    if (starts_any(key, kMoreCreditPrefixes) && word_count(key) <= 12 && !ends_sentence(line)) {
      return Clutter::Credit;
    }
  }
  if (key.starts_with("why you can trust") || key.starts_with("why trust ")) {
    return key.size() < 60 ? Clutter::Trust : Clutter::None;
  }
  if (in(key, kWidgetLines) || is_number_unit(key, "x") || is_number_unit(key, "wpm")) {
    return Clutter::Widget;
  }
  if (in(key, kShareLines) || is_social_line(key) || is_bare_url(key)) return Clutter::Share;
  if (in(key, kListHeaders)) return Clutter::ListHeader;
  if (starts_any(key, kLinkPrefixes) && word_count(key) <= 25) return Clutter::ListHeader;
  if (in(key, kCommentLines) || (key.starts_with("comments (") && key.size() < 20)) {
    return Clutter::Comments;
  }
  {
    // "12 comments"
    std::size_t i = 0;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
    if (i > 0 && (key.substr(i) == " comments" || key.substr(i) == " comment")) {
      return Clutter::Comments;
    }
  }
  if (in(key, kLegalLines) || (starts_any(key, kLegalPrefixes) && key.size() < 300) ||
      (key.find("all rights reserved") != std::string::npos && key.size() < 200)) {
    return Clutter::Legal;
  }
  if (is_newsletter(key)) return Clutter::Newsletter;
  if (is_credit(line, key) || is_gallery_counter(key) || in(key, kViewerLines)) {
    return Clutter::Credit;
  }
  if (is_byline(line, key)) return Clutter::Byline;
  if (is_dateline(line, key) || is_meta_line(line, key) || is_date_only(key)) {
    return Clutter::Dateline;
  }
  return classify_notice(line, key);
}

bool is_weak_widget_word(std::string_view line) { return in(key_of(line), kWeakWidgetWords); }

bool is_weak_share_word(std::string_view line) { return in(key_of(line), kSocialWords); }

void drop_repeated_blocks(std::vector<Block>& blocks) {
  // Pull quotes and repeated standfirsts sit near the passage they repeat; the window keeps
  // the work linear in the document.
  constexpr std::size_t kWindow = 40;
  constexpr std::size_t kMinKey = 30;  // shorter repeats ("Read more") are other rules' work
  constexpr std::size_t kMaxQuote = 400;
  constexpr std::size_t kTopBlocks = 6;
  KeyWindow keys(blocks, kWindow);
  std::vector<char> drop(blocks.size(), 0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const BlockKey& mine = keys.at(i);
    if (mine.text.size() < kMinKey) continue;
    const std::size_t end = std::min(blocks.size(), i + kWindow + 1);
    for (std::size_t j = i > kWindow ? i - kWindow : 0; j < end && !drop[i]; ++j) {
      if (j == i || drop[j]) continue;
      const BlockKey& theirs = keys.at(j);
      if (theirs.text.size() < mine.text.size() || !theirs.may_contain(mine)) continue;
      if (theirs.text.size() == mine.text.size()) {
        // The same block twice near the top (a standfirst printed again as an abstract): the
        // later copy goes. Further down a repeat may be meant, as a refrain is.
        if (j < i && i < kTopBlocks && theirs.text == mine.text) drop[i] = 1;
      } else if (mine.text.size() <= kMaxQuote &&
                 theirs.text.find(mine.text) != std::string::npos) {
        drop[i] = 1;  // a pull quote: part of a longer block, said again
      }
    }
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) blocks[out] = std::move(blocks[i]);
    ++out;
  }
  blocks.resize(out);
}

}  // namespace narrate::extract
