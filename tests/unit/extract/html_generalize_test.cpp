// unit/extract/html_generalize_test.cpp - extraction rules that hold across sites (issue 10)
#include <gtest/gtest.h>

#include <string>

#include "extract/article_edges.hpp"
#include "extract/clutter.hpp"
#include "extract/extract.hpp"
#include "test_helpers.hpp"

namespace narrate::extract {
namespace {

using test::absent;
using test::body_of;
using test::has_block;

const std::string kStory =
    "<p>The ferry to the outer islands will run twice a day from June, the harbour board said "
    "on Monday, after a winter of complaints from islanders about missed connections.</p>"
    "<p>The board said a second boat, leased from a company on the mainland, would cover the "
    "afternoon crossing, while the old ferry is refitted in the spring.</p>"
    "<p>Islanders welcomed the news but said the timetable still left them waiting for hours "
    "on the quay when the weather turned and the crossing was cancelled.</p>"
    "<p>A public meeting on the new timetable will be held in the village hall next week, and "
    "the board has promised to publish the fares before then.</p>";

TEST(HtmlGeneralizes, ArticleInsideAnUnclosedBannerHeader) {
  // An unclosed <header role="banner"> swallows the page: it holds the article, so it stays.
  const Document doc = extract_html(
      "<html><body><header role=\"banner\"><a href=/>Home</a><main><article><h1>Ferry</h1>" +
      kStory + "</article></main></body></html>");
  EXPECT_NE(body_of(doc).find("twice a day from June"), std::string::npos) << body_of(doc);
  EXPECT_NE(body_of(doc).find("village hall"), std::string::npos);
}

TEST(HtmlGeneralizes, StoryInsideAnAside) {
  const Document doc = extract_html(
      "<html><body><nav><a href=/a>News</a> <a href=/b>Sport</a>"
      "</nav><main><aside><section>" +
      kStory + "</section></aside></main></body></html>");
  EXPECT_NE(body_of(doc).find("second boat"), std::string::npos) << body_of(doc);
  // A real sidebar is still furniture.
  const Document side = extract_html(
      "<html><body><article>" + kStory +
      "</article><aside><p>Our newsroom is open to visitors on Fridays.</p></aside></body></html>");
  EXPECT_TRUE(absent(side, "newsroom"));
}

TEST(HtmlGeneralizes, ShortStoryBesideItsLinkedDateIsNotALinkBox) {
  const Document doc = extract_html(
      "<html><body><div id=main><h1>News</h1><div class=entry><p class=date><a href=/2012/05>"
      "Thursday, 31 May 2012</a></p><h2>The ministry informs</h2><div class=text><p>The "
      "music rights society is raising its fees again next year, and many club owners fear "
      "for their business. Please sign the petition at the link below:</p><p><a "
      "href=http://example.org/petition/online/fees>http://example.org/petition/online/"
      "against-the-fees</a></p></div></div></div></body></html>");
  EXPECT_NE(body_of(doc).find("club owners fear"), std::string::npos) << body_of(doc);
}

TEST(HtmlGeneralizes, PostInsideAListItemScoresAsProse) {
  const Document doc = extract_html(
      "<html><body><div id=header><p>A blog about programming, small tools and the odd "
      "recipe, written since 2009 by one person with too much time.</p></div><ul><li "
      "class=post><h2>Interning</h2><div class=entry>" +
      kStory + "</div></li></ul></body></html>");
  EXPECT_NE(body_of(doc).find("public meeting"), std::string::npos) << body_of(doc);
  EXPECT_TRUE(absent(doc, "too much time"));
}

TEST(HtmlGeneralizes, SoftHyphensAndJoinersStayInTheText) {
  const Document doc = extract_html("<html><body><article>" + kStory +
                                    "<p>Die Werk\u00adzeug\u00adtypen und ihre Lauf\u00adzeiten "
                                    "wurden lange unter\u00adsch\u00e4tzt, sagte sie.</p><p>"
                                    "\u0995\u09cd\u200d\u09b7 \u0986\u099c \u09b6\u09a8\u09bf"
                                    "\u09ac\u09be\u09b0 \u09b8\u0995\u09be\u09b2</p></article>"
                                    "</body></html>");
  EXPECT_NE(body_of(doc).find("Werk\u00adzeug\u00adtypen"), std::string::npos);
  EXPECT_NE(body_of(doc).find("\u0995\u09cd\u200d\u09b7"), std::string::npos);
}

TEST(HtmlGeneralizes, TableInsideTheArticleDoesNotReplaceIt) {
  std::string rows;
  for (int i = 0; i < 12; ++i) {
    rows += "<tr><td>Step " + std::to_string(i) +
            ": stir the sauce, add the stock a ladle at a time, and keep it at a simmer, "
            "tasting as you go, until it thickens.</td></tr>";
  }
  const Document doc = extract_html("<html><body><div class=story>" + kStory + "<table><tbody>" +
                                    rows + "</tbody></table>" + kStory + "</div></body></html>");
  EXPECT_NE(body_of(doc).find("harbour board said"), std::string::npos) << body_of(doc);
  EXPECT_NE(body_of(doc).find("Step 3"), std::string::npos);
}

TEST(HtmlGeneralizes, ClassNamesDistrustedForAShortPageButCommentsStayOut) {
  // "widget" on the story's wrapper hides it; the second look without class names finds it,
  // and does not bring in the comment thread.
  std::string comments;
  for (int i = 0; i < 6; ++i) {
    comments +=
        "<p>I have taken this ferry for twenty years and never once has it left on "
        "time, so forgive me if I do not believe a word of this, said reader " +
        std::to_string(i) + ".</p>";
  }
  const Document doc =
      extract_html("<html><body><div class=\"content-widget-wrap\"><div class=\"post-content\">" +
                   kStory + "</div></div><div class=comments>" + comments + "</div></body></html>");
  EXPECT_NE(body_of(doc).find("twice a day from June"), std::string::npos) << body_of(doc);
  EXPECT_TRUE(absent(doc, "forgive me"));
}

TEST(HtmlGeneralizes, SubscriptionPromptsInSeveralLanguages) {
  const std::string prompts =
      "<p>To view the full story, please subscribe to The Island Times.</p>"
      "<p>If you're seeing this message but you're already a subscriber, you can log in for "
      "immediate access to this story.</p>"
      "<p>HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS</p>"
      "<p>Jetzt abonnieren und weiterlesen!</p>"
      "<p>For the latest stories and breaking news updates download the Island apps for iOS "
      "and Android.</p>";
  const Document doc =
      extract_html("<html><body><article>" + kStory + prompts + "</article></body></html>");
  for (const char* text : {"view the full story", "already a subscriber", "HAZTE MIEMBRO",
                           "Jetzt abonnieren", "download the Island apps"}) {
    EXPECT_TRUE(absent(doc, text)) << text;
  }
  EXPECT_NE(body_of(doc).find("village hall"), std::string::npos);
}

TEST(HtmlGeneralizes, ArticleAboutSubscriptionsKeepsItsSentences) {
  const std::string about =
      "<p>The streaming service said it gained two million subscribers in the quarter, more "
      "than analysts had expected.</p>";
  const Document doc =
      extract_html("<html><body><article>" + kStory + about + "</article></body></html>");
  EXPECT_TRUE(has_block(doc,
                        "The streaming service said it gained two million subscribers in the "
                        "quarter, more than analysts had expected."));
}

struct LineCase {
  const char* line;
  Clutter kind;
};

class ClutterVocabulary : public ::testing::TestWithParam<LineCase> {};

TEST_P(ClutterVocabulary, IsRecognised) {
  EXPECT_EQ(classify_line(GetParam().line), GetParam().kind) << GetParam().line;
}

INSTANTIATE_TEST_SUITE_P(
    Languages, ClutterVocabulary,
    ::testing::Values(
        // ads and affiliate notices
        LineCase{"- Anzeige -", Clutter::Ad}, LineCase{"[Werbung]", Clutter::Ad},
        LineCase{"*Werbung. Dieser Beitrag enth\u00e4lt Werbung f\u00fcr eine Marke.", Clutter::Ad},
        LineCase{"Publicidad", Clutter::Ad}, LineCase{"Pubblicit\u00e0", Clutter::Ad},
        LineCase{"\u5e7f\u544a", Clutter::Ad},
        // share and print
        LineCase{"Rezept drucken", Clutter::Share}, LineCase{"Partager", Clutter::Share},
        LineCase{"Compartir", Clutter::Share}, LineCase{"Condividi", Clutter::Share},
        LineCase{"Delen", Clutter::Share}, LineCase{"\u5206\u4eab\u5230", Clutter::Share},
        LineCase{"Be Sociable, Share!", Clutter::Share},
        LineCase{"Rezept drucken Bei Pinterest speichern", Clutter::Share},
        LineCase{"Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang "
                 "liefern. Melde dich hier f\u00fcr unseren Newsletter an!",
                 Clutter::Newsletter},
        LineCase{"Credit:", Clutter::Credit},
        // headers of link lists
        LineCase{"Zum Weiterlesen:", Clutter::ListHeader},
        LineCase{"Lust auf mehr?", Clutter::ListHeader},
        LineCase{"Pour aller plus loin", Clutter::ListHeader},
        LineCase{"Lees ook", Clutter::ListHeader},
        LineCase{"\u76f8\u5173\u9605\u8bfb", Clutter::ListHeader},
        // comments
        LineCase{"Comments are closed.", Clutter::Comments},
        LineCase{"Schreibe einen Kommentar", Clutter::Comments},
        LineCase{"Laisser un commentaire", Clutter::Comments},
        LineCase{"Deja un comentario", Clutter::Comments},
        LineCase{"Lascia un commento", Clutter::Comments},
        LineCase{"\u53d1\u8868\u8bc4\u8bba", Clutter::Comments},
        // cookies and legal
        LineCase{"Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", Clutter::Legal},
        LineCase{"Nous utilisons des cookies pour am\u00e9liorer votre exp\u00e9rience.",
                 Clutter::Legal},
        LineCase{"Utilizamos cookies propias y de terceros.", Clutter::Legal},
        LineCase{"Alle Angaben ohne Gew\u00e4hr", Clutter::Legal},
        LineCase{"Tutti i diritti riservati", Clutter::Legal},
        // subscription and newsletter prompts
        LineCase{"Subscribe now to our eNATION edition for the full story.", Clutter::Newsletter},
        LineCase{"Abonnez-vous \u00e0 notre newsletter", Clutter::Newsletter},
        LineCase{"Suscr\u00edbete a nuestro bolet\u00edn", Clutter::Newsletter},
        LineCase{"Assine a nossa newsletter", Clutter::Newsletter},
        LineCase{"Iscriviti alla newsletter", Clutter::Newsletter},
        // reading time
        LineCase{"5 Min. Lesezeit", Clutter::ReadingTime},
        LineCase{"3 minutes de lecture", Clutter::ReadingTime},
        LineCase{"Tiempo estimado de lectura: 4 minutos", Clutter::ReadingTime},
        LineCase{"4 min leestijd", Clutter::ReadingTime},
        // listen widgets and synthetic-voice notices
        LineCase{"Escucha esta noticia", Clutter::Widget},
        LineCase{"Artikel anh\u00f6ren", Clutter::Widget},
        LineCase{"\u00c9couter cet article", Clutter::Widget},
        LineCase{"This audio is generated by an AI voice.", Clutter::Widget},
        LineCase{"Diese Audioversion wurde k\u00fcnstlich generiert.", Clutter::Widget},
        LineCase{"Wird geladen", Clutter::Widget},
        // credits
        LineCase{"Titelbild: Jana Beispiel", Clutter::Credit},
        LineCase{"Fuente: Ministerio de Salud", Clutter::Credit}));

TEST(ClutterVocabulary, SentencesThatMentionTheseWordsAreText) {
  for (const char* line :
       {"The council will share the cost of the bridge with the port authority.",
        "Die Stadt will die Kosten teilen, sagte der B\u00fcrgermeister am Montag.",
        "Subscribers to the paper fell by a tenth last year, the publisher said.",
        "She listened to the audio recording of the meeting twice before she spoke."}) {
    EXPECT_EQ(classify_line(line), Clutter::None) << line;
  }
}

}  // namespace
}  // namespace narrate::extract

namespace narrate::extract {
namespace {

TEST(HtmlGeneralizes, SingleBrBecomesALineBreakInsideTheBlock) {
  const Document doc = extract_html(
      "<html><body><article>" + kStory +
      "<p>Harbour Office<br>1 Quay Street<br> <br/>Port Ellen</p><p>We walked along the shore "
      "until the light went,<br>\nand then we turned for home.</p></article></body></html>");
  EXPECT_TRUE(has_block(doc, "Harbour Office\n1 Quay Street")) << body_of(doc);
  EXPECT_TRUE(has_block(doc, "Port Ellen"));
  EXPECT_TRUE(has_block(doc,
                        "We walked along the shore until the light went,\nand then we "
                        "turned for home."));
}

}  // namespace
}  // namespace narrate::extract

namespace narrate::extract {
namespace {

TEST(EdgeClutterIssue10, AuthorBoxHeadingWithACapitalUmlaut) {
  std::vector<Block> blocks = {
      {BlockKind::Paragraph, "Der erste Absatz erzählt, was am Montag an der Brücke geschah."},
      {BlockKind::Paragraph, "Der letzte Absatz sagt, wann die Brücke wieder öffnet."},
      {BlockKind::Heading, "Über den Autor"},
      {BlockKind::Paragraph, "Sam Berger schreibt seit zehn Jahren über Flüsse und Brücken."}};
  drop_edge_clutter(blocks);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[1].text, "Der letzte Absatz sagt, wann die Brücke wieder öffnet.");
}

}  // namespace
}  // namespace narrate::extract

namespace narrate::extract {
namespace {

TEST(HtmlGeneralizes, BoxWithMostOfTheStorysTextIsNotALinkBoxEvenWithoutFullStops) {
  // The story's one paragraph ends in an exclamation and a colon, not a full stop, and a long
  // link follows it: the box holds most of the story's text outside links, so it stays.
  const Document doc = extract_html(
      "<html><body><div id=main><h1>News</h1><div class=entry><p class=date><a href=/2019/03>"
      "Friday, 8 March 2019</a></p><h2>Save the night bus!</h2><div class=words><p>The council "
      "wants to cut the night bus to the harbour from May, and the bar owners on the quay fear "
      "their late guests will stop coming altogether! A petition against the cut already has "
      "two thousand names, and its organisers want ten thousand by April: sign it here:</p><p>"
      "<a href=http://petitions.example.org/keep-the-night-bus-to-the-harbour-running-2019>"
      "http://petitions.example.org/keep-the-night-bus-to-the-harbour-running-2019</a></p>"
      "</div></div><div class=prev><a href=/a>&larr; The quay market opens again</a></div>"
      "</div></body></html>");
  EXPECT_NE(body_of(doc).find("bar owners on the quay"), std::string::npos) << body_of(doc);
}

TEST(HtmlGeneralizes, HowToSetInBlockquotesUnderBookmarksAfterAContentsList) {
  // An old hand-written page: a contents list of in-page links, then the text in a
  // <blockquote>, each step under an unclosed <a name> bookmark. Bookmarks are not links,
  // quoted paragraphs are prose, and the "Contents" box is not the whole body.
  const char* const steps[] = {"why", "keys", "server", "cron"};
  std::string html = "<html><body><h1>Backups over ssh</h1><h2>Contents</h2><ul>";
  for (const char* step : steps) {
    html += std::string("<li><a href=#") + step + ">" + step + "</a></li>";
  }
  html += "</ul>";
  html += "<blockquote>";
  for (const char* step : steps) {
    html += std::string("<a name=") + step + "><p>This step, the " + step +
            " step, takes a few minutes, and you do it once, on the machine that keeps the "
            "copies.</p><p>When it is done, test it, then write down what you did, because "
            "you will not remember it in a year.</p>";
  }
  html += "</blockquote>";
  const Document doc = extract_html(html + "</body></html>");
  EXPECT_NE(body_of(doc).find("the why step"), std::string::npos) << body_of(doc);
  EXPECT_NE(body_of(doc).find("the cron step"), std::string::npos) << body_of(doc);
}

TEST(HtmlGeneralizes, NextStoriesLoadedBelowTheArticleUnderTheirOwnH1) {
  // The page's title names the first story; the stories loaded below it, each under its own
  // <h1>, are longer. The article is the one under the title, and only that one.
  const auto story = [](const std::string& title, const std::string& words, int paragraphs) {
    std::string html = "<article class=story><h1>" + title + "</h1><div class=text>";
    for (int i = 0; i < paragraphs; ++i) {
      html += "<p>" + words +
              ", the council said on Monday, and work will go on, weather "
              "permitting, until the end of the month.</p>";
    }
    return html + "</div></article>";
  };
  const Document doc = extract_html(
      "<html><head><title>Bridge on the river road reopens</title></head><body><div class=feed>" +
      story("Bridge on the river road reopens", "The bridge reopened to cars", 3) +
      story("Market hall gets a new roof", "The market hall roof is being replaced", 8) +
      story("Choir wins the regional prize", "The choir won the regional prize", 6) +
      "</div></body></html>");
  EXPECT_NE(body_of(doc).find("The bridge reopened"), std::string::npos) << body_of(doc);
  EXPECT_TRUE(absent(doc, "market hall roof"));
  EXPECT_TRUE(absent(doc, "The choir won"));
}

TEST(HtmlGeneralizes, BlurbNamedContentDoesNotOutrankAStoryWithTwiceItsProse) {
  // The site's blurb at the foot of the page wins on its "content" class; the story beside it
  // scores nearly as well on its paragraphs and holds several times the prose.
  const Document doc = extract_html(
      "<html><body><main><div class=news>" + kStory +
      "</div></main><div class=bottom><div class=\"site-content\"><p>Harbour News is the "
      "weekly paper of the islands and their villages.</p></div><ul><li><a href=/c>Contact</a>"
      "</li><li><a href=/i>Imprint</a></li></ul></div></body></html>");
  EXPECT_NE(body_of(doc).find("second boat"), std::string::npos) << body_of(doc);
  EXPECT_TRUE(absent(doc, "weekly paper"));
}

TEST(HtmlGeneralizes, BoxRepeatedUnderEveryPhotoIsATemplateNotTheStory) {
  // A "content"-named rating form under each of four photos outscores the plain story box on
  // its class; its text comes back word for word, which a story never does.
  std::string photos;
  for (int i = 0; i < 4; ++i) {
    photos +=
        "<div class=slide><img src=a.jpg><div class=\"panel-content\"><p>You have already "
        "rated this photo, thank you.</p></div></div>";
  }
  const Document doc = extract_html(
      "<html><body><div class=gallery>" + photos +
      "</div><div class=box>Preheat the oven to 180 degrees and butter a round tin.<br>Beat "
      "the eggs with the sugar until pale, then fold in the flour.<br>Bake for forty minutes, "
      "until a skewer comes out clean, and leave to cool in the tin.</div></body></html>");
  EXPECT_NE(body_of(doc).find("Beat the eggs"), std::string::npos) << body_of(doc);
  EXPECT_TRUE(absent(doc, "already rated"));
}

}  // namespace
}  // namespace narrate::extract
