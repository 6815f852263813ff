// unit/extract/clutter_test.cpp - furniture lines, edge clutter and repeated blocks, kind by kind
#include <gtest/gtest.h>

#include "extract/article_edges.hpp"
#include "extract/clutter.hpp"

namespace narrate::extract {
namespace {

void expect_kind(Clutter kind, std::initializer_list<const char*> lines) {
  for (const char* line : lines) EXPECT_EQ(classify_line(line), kind) << line;
}

TEST(ClassifyLine, Ads) {
  expect_kind(Clutter::Ad, {"Advertisement", "ADVERTISEMENT", "Anzeige", "Publicidad", "Werbung",
                            "Story continues below advertisement", "Sponsored content"});
}

TEST(ClassifyLine, ReadingTime) {
  expect_kind(Clutter::ReadingTime, {"Reading Time:2 minutes", "4 min read", "Lesezeit: 3 Min."});
}

TEST(ClassifyLine, Trust) { expect_kind(Clutter::Trust, {"Why you can trust SCMP"}); }

TEST(ClassifyLine, CreditsCaptionsAndGalleries) {
  expect_kind(Clutter::Credit,
              {"Photo: Reuters", "Illustration: Shutterstock", "Image: Getty Images",
               "The mayor at the opening. Photo: Ann Lee", "Photograph by Sam Carter",
               "Installation views, photos \xC2\xA9 Inexhibit, 2018", "Image 1 of 5", "Photo 3/12",
               "Caption", "Hide caption", "Enlarge this image"});
}

TEST(ClassifyLine, ShareLines) {
  expect_kind(Clutter::Share, {"Share this article", "Facebook Twitter Email", "Copy link",
                               "https://example.com/news/2024/story-123.html"});
}

TEST(ClassifyLine, Newsletter) {
  expect_kind(Clutter::Newsletter, {"Sign up for our daily newsletter",
                                    "Get our morning briefing in your inbox", "Subscribe"});
}

TEST(ClassifyLine, ListHeadersInSeveralLanguages) {
  expect_kind(Clutter::ListHeader,
              {"Related", "Most popular", "You may also like", "Read more: Ferry fares rise",
               "Você pode gostar...", "Leia também", "Lesen Sie auch", "Lire aussi",
               "Noticias relacionadas", "Topics"});
}

TEST(ClassifyLine, Comments) {
  expect_kind(Clutter::Comments, {"Comments", "12 comments", "Comments (34)", "Join the discussion",
                                  "Leave a comment"});
}

TEST(ClassifyLine, CookieAndLegal) {
  expect_kind(Clutter::Legal, {"\xC2\xA9 2024 Example News. All rights reserved.",
                               "We use cookies to improve your experience.", "Privacy policy",
                               "Cookie settings", "Terms of use"});
}

TEST(ClassifyLine, CreditsInBracketsAndLikeButtonsAsTheyLoad) {
  expect_kind(Clutter::Credit, {"(Photo: Harbour Board)", "(Credit: Ann Lee / River Press)"});
  expect_kind(Clutter::Share, {"Like Loading...", "Gefällt mir Wird geladen …",
                               "J'aime Chargement…", "Me gusta Cargando..."});
  expect_kind(Clutter::None, {"(The mayor, left, opened the bridge.)", "(2020)",
                              "Loading the ferry took an hour.", "I like loading the van."});
}

TEST(ClassifyLine, TheSitesOwnNoticesInSeveralLanguages) {
  expect_kind(Clutter::Legal,
              {"The Harbour Gazette is not responsible for the opinions of its contributors.",
               "Dieser Gastbeitrag gibt die Meinung des Autors wieder.",
               "Las opiniones de los columnistas no necesariamente reflejan las del diario.",
               "Send us a letter to the editor through our form.",
               "Dieser Artikel steht unter der Lizenz CC BY-SA 4.0.",
               "Text licensed under Creative Commons Attribution 4.0."});
  expect_kind(Clutter::Newsletter, {"Read everything for two euros a month. Cancel anytime.",
                                    "Apoya el periodismo local. Cancela cuando quieras."});
  expect_kind(Clutter::Share, {"Follow the news on our Telegram channel, join today!",
                               "¿Ya viste nuestro canal de YouTube?",
                               "Jahresbericht 2022 (PDF, 1,2 MB)", "Flyer PDF | 380 KB"});
  expect_kind(Clutter::Dateline,
              {"This entry was posted on Monday, May 3rd, 2021 at 9:15 am and is filed under "
               "Walks.",
               "Dieser Beitrag wurde am 3. Mai 2021 veröffentlicht."});
  expect_kind(Clutter::Byline, {"Verfasst von: Anna Berg | 3. Mai 2021", "Escrito por: Ana Gil"});
  expect_kind(Clutter::Credit, {"Copyright: Anna Berg", "ann/DPA", "AFP/jm"});
  expect_kind(
      Clutter::None,
      {"The ministry said it was not responsible for the delays on the line.",
       "She wrote a letter to the editor of the local paper in 1998, and it changed her life.",
       "The report (PDF) was published on Monday.", "He/she", "AC/DC",
       "Copyright law was changed in 2019, the court said.",
       "Dauer: 64 Minuten\nLizenz: CC-BY 4.0\nDownloads: 2.273"});
}

TEST(ClassifyLine, PleasForSupportOrARating) {
  expect_kind(Clutter::Newsletter,
              {"Help us continue to bring you the news from the islands.",
               "Support independent journalism: become a member today.",
               "Hier können Sie den Artikel bewerten", "Wesprzyj nas darowizną.",
               "Apoya el periodismo local con una suscripción."});
  expect_kind(Clutter::None, {"The charity asked the town to help us continue, she said, and "
                              "the council agreed to pay for another year of the ferry "
                              "service to the outer islands, which had been under threat "
                              "since the spring, when the old operator went bankrupt and the "
                              "mainland company that took over the route said it could not "
                              "afford to run the winter crossings without a subsidy."});
}

TEST(ClassifyLine, FigureCaptionsAndDatelinesEndingInAFullStop) {
  expect_kind(Clutter::Credit, {"Figure 3: The harbour in 1910, seen from the lighthouse.",
                                "Abb. 2: Der Hafen im Winter.", "Abbildung: Schneehöhen im Tal",
                                "Fig. 4-1: Water levels"});
  expect_kind(Clutter::Dateline,
              {"Aktualisiert am 17.01.2021.", "Updated 3/7/2021.", "Tags : ferries, harbour"});
  expect_kind(Clutter::None, {"Figures from the harbour board show a fall in traffic.",
                              "Fig trees grow on the quay: nobody planted them.",
                              "Updated figures were published in 2020."});
}

TEST(ClassifyLine, ListenWidget) {
  expect_kind(Clutter::Widget,
              {"Select Voice", "Choose your listening speed", "Get through articles 2x faster",
               "1.25x", "250 WPM", "Listen to this article"});
}

TEST(ClassifyLine, Bylines) {
  expect_kind(Clutter::Byline, {"By Jane Doe", "By Jane Doe and John Roe 2 May 2024, 9:15 a.m."});
}

TEST(ClassifyLine, DatelinesDatesAndPostMetadata) {
  expect_kind(
      Clutter::Dateline,
      {"Published: 3:00pm, 12 Aug 2020", "Updated at 1:23 p.m.",
       "Posted: Fri 6:45 PM, Feb 16, 2018 |", "segunda-feira, 22 de janeiro de 2018 às 0:13",
       "Monday, November 18, 2019", "18. November 2019 um 14:30 Uhr",
       "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad",
       "Tags: potatoes, harvest", "Posted in Vegetables | Tagged potatoes"});
}

TEST(ClassifyLine, DatesInFiguresAndLabelledDatesInSeveralLanguages) {
  expect_kind(Clutter::Dateline,
              {"23.10.2018", "3/7/2021", "2021-07-03", "2021-07-03 14:30", "Stand: 12. März 2021",
               "Datum: 3. Juli 2021", "Fecha: 3 de julio de 2021", "Date: 3 July 2021",
               "Release Date: 07/03/2021"});
  expect_kind(Clutter::None, {"1.2.3", "10-12", "2020-2022", "20210703", "3/7",
                              "On 3/7/2021 the bridge reopened.", "Stand up for the river."});
}

TEST(ClassifyLine, SentencesMentioningClutterWordsStay) {
  expect_kind(
      Clutter::None,
      {"The advertisement campaign was a success, said the mayor.",
       "Readers shared the story on Facebook more than any other this year.",
       "The newsletter the society sends to members lists the dates.",
       "Comments from residents were sent to the council by 12 March.",
       "By the end of the week the bridge had reopened.", "Updated figures were published in 2020.",
       "Photo opportunities were few.", "Related works by the same composer are rarely performed.",
       "4:14 p.m.", "2 of 3", "1 Kyle Busch 5040 5 1 17 27",
       "The river rose by 40 centimetres on Monday, 12 February.",
       "The report was filed under a false name and posted by a clerk."});
}

TEST(EdgeClutter, RecognisesTheSiteSpeaking) {
  for (const char* text :
       {"Follow us on Twitter @Spacedotcom and on Facebook.",
        "Mike Wall's book is out now. Follow him on Twitter @michaeldwall.",
        "There's plenty more where that came from. Sign up for The Water Coolest today.",
        "Get access to our subscription service for Rs 599 for the first year.",
        "Email Tariq Malik at tmalik@example.com or follow him @tariqjmalik.",
        "Join our Space Forums to keep talking space on the latest missions.",
        "The contents of this site are \xC2\xA9 2019 Capitol Hill Publishing Corp.",
        "The Hill 1625 K Street | 202-628-8500 tel | 202-628-8503 fax",
        "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador."}) {
    EXPECT_TRUE(is_edge_clutter(text)) << text;
  }
}

TEST(EdgeClutter, LeavesClosingParagraphsAlone) {
  for (const char* text :
       {"The council will decide in June whether to sign up to the regional scheme.",
        "Residents can follow the work on the council's website, it said.",
        "Anyone with information should call the police on 101."}) {
    EXPECT_FALSE(is_edge_clutter(text)) << text;
  }
}

std::vector<Block> paragraphs(std::initializer_list<const char*> texts) {
  std::vector<Block> blocks;
  for (const char* text : texts) blocks.push_back({BlockKind::Paragraph, text});
  return blocks;
}

TEST(EdgeClutter, DropsTrailingPromosAndAuthorBoxOnly) {
  std::vector<Block> blocks = paragraphs(
      {"Start your day with the Opening Bell. Sign up for the free daily newsletter.",
       "The first paragraph of the story tells what happened on the bridge.",
       "Follow us on Twitter for more.", "The last paragraph of the story, about the ferry.",
       "About the author", "Sam Carter writes about rivers. Contact him at sam@example.com.",
       "Follow us on Twitter @Example and on Facebook."});
  drop_edge_clutter(blocks);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].text, "The first paragraph of the story tells what happened on the bridge.");
  EXPECT_EQ(blocks[1].text, "Follow us on Twitter for more.");  // inside the article: stays
  EXPECT_EQ(blocks[2].text, "The last paragraph of the story, about the ferry.");
}

TEST(EdgeClutter, NeverEmptiesTheArticle) {
  std::vector<Block> blocks = paragraphs({"Sign up for our newsletter."});
  drop_edge_clutter(blocks);
  EXPECT_EQ(blocks.size(), 1u);
}

TEST(RepeatedBlocks, DropsPullQuoteAndRepeatedStandfirstButNotARefrainFurtherDown) {
  std::vector<Block> blocks =
      paragraphs({"T-Swift is beefing with The Carlyle Group, and what a time to be alive.",
                  "T-Swift is beefing with The Carlyle Group, and what a time to be alive.",
                  "The engineer said that the bridge would stand for another century at least.",
                  "the bridge would stand for another century", "Paragraph five is here.",
                  "Paragraph six is here.", "Paragraph seven is here.",
                  "And miles to go before I sleep, and miles to go.",
                  "And miles to go before I sleep, and miles to go."});
  drop_repeated_blocks(blocks);
  ASSERT_EQ(blocks.size(), 7u);
  EXPECT_EQ(blocks[1].text,
            "The engineer said that the bridge would stand for another century at least.");
  EXPECT_EQ(blocks[5].text, blocks[6].text);
}

}  // namespace
}  // namespace narrate::extract
