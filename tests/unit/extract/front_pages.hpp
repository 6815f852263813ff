// unit/extract/front_pages.hpp - front, section and blog index pages: link teasers, no article
#pragma once

#include <string>
#include <vector>

namespace narrate::test {

/// One story as a front page advertises it: a linked headline and, perhaps, a summary.
struct Teaser {
  const char* headline;
  const char* summary;  ///< "" when the layout shows headlines alone
  const char* when;
};

/// The stories the layouts below link to (written for these tests).
inline const std::vector<Teaser>& teasers() {
  static const std::vector<Teaser> kTeasers = {
      {"Council approves riverside cycle path after late-night vote",
       "The 4.2-kilometre route will link the station with the new housing estate by 2026, "
       "councillors decided after a four-hour debate.",
       "2 hours ago"},
      {"Harbour ferry to run through the night from June",
       "Night boats every 40 minutes after midnight, for a trial of six months.", "3 hours ago"},
      {"Hospital waiting lists fall for the first time in five years",
       "Figures published on Tuesday show the longest waits shrinking in every department.",
       "4 hours ago"},
      {"Local bakery wins national bread award",
       "A family firm from Mill Street beat 300 entries with a rye loaf baked to a 1920s recipe.",
       "5 hours ago"},
      {"Flood warning lifted as river levels drop",
       "The Environment Agency said the risk had passed, but asked people to stay off the "
       "towpath until Friday.",
       "6 hours ago"},
      {"School meals to include more local produce",
       "Twelve farms have signed up to supply the county's schools from September.", "8 hours ago"},
      {"Stadium plans go on show at the town hall",
       "Residents can see the models and leave comments until the end of the month.",
       "9 hours ago"},
      {"Bus fares frozen for another year",
       "The operator said the freeze would cost it about £2m but bring passengers back.",
       "Yesterday"},
      {"Library opening hours extended on Thursdays",
       "Late opening until 9 p.m. starts next week, with a reading group for adults.", "Yesterday"},
      {"Marathon route changed after bridge repairs",
       "Runners will cross the river at the old ford instead of the suspension bridge.",
       "2 days ago"},
      {"New cinema to open in the former market hall",
       "The three-screen cinema will show independent films and host a festival in October.",
       "2 days ago"},
      {"Police appeal for witnesses after warehouse fire",
       "Nobody was hurt, but the building and the stock inside it were destroyed.", "3 days ago"},
  };
  return kTeasers;
}

/// The head of a page that is a site's front or section page.
inline std::string front_head(const std::string& title, const std::string& extra = "") {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title><meta property=\"og:type\" content=\"website\"><meta property=\"og:title\" "
         "content=\"" +
         title + "\">" + extra + "</head>";
}

/// The site furniture around every layout: header with navigation, footer with legal lines.
inline std::string site_header() {
  return "<header class=\"site-header\"><a class=\"logo\" href=\"/\">The Wendford Courier</a>"
         "<nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li>"
         "<li><a href=\"/business\">Business</a></li><li><a href=\"/culture\">Culture</a></li>"
         "<li><a href=\"/weather\">Weather</a></li></ul></nav></header>";
}

inline std::string site_footer() {
  return "<footer><p>The Wendford Courier has reported on the town and the valley since 1887, "
         "and is owned by its readers.</p><p>&copy; 2024 Wendford Courier Ltd. All rights "
         "reserved.</p><a href=\"/privacy\">Privacy policy</a> <a href=\"/terms\">Terms of "
         "use</a></footer></body></html>";
}

/// A news front page: article cards with linked headlines, summaries and times, a sidebar.
inline std::string news_front_page() {
  std::string html = front_head("The Wendford Courier - News from the town and the valley") +
                     "<body>" + site_header() +
                     "<main id=\"main\"><section class=\"top-stories\">"
                     "<h2>Top stories</h2>";
  const auto& all = teasers();
  for (std::size_t i = 0; i < 8; ++i) {
    html += "<article class=\"card\"><a href=\"/news/" + std::to_string(i) + "\"><img src=\"/img/" +
            std::to_string(i) +
            ".jpg\" alt=\"\"></a><h3 class=\"card-title\">"
            "<a href=\"/news/" +
            std::to_string(i) + "\">" + all[i].headline +
            "</a></h3><p "
            "class=\"card-summary\">" +
            all[i].summary + "</p><time>" + all[i].when + "</time></article>";
  }
  html += "</section><aside class=\"most-read\"><h2>Most read</h2><ol>";
  for (std::size_t i = 8; i < all.size(); ++i) {
    html += "<li><a href=\"/news/" + std::to_string(i) + "\">" + all[i].headline + "</a></li>";
  }
  html += "</ol></aside></main>" + site_footer();
  return html;
}

/// A blog's home page: posts with title, meta line, excerpt and "Continue reading", pagination.
inline std::string blog_index_page() {
  std::string html =
      front_head("Notes from the Valley",
                 "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                 "\"@type\":\"Blog\",\"name\":\"Notes from the Valley\"}</script>") +
      "<body class=\"home blog\"><div id=\"page\" class=\"site\"><header id=\"masthead\">"
      "<p class=\"site-title\"><a href=\"/\">Notes from the Valley</a></p><p "
      "class=\"site-description\">A walker's notebook</p></header><div id=\"content\" "
      "class=\"site-content\"><div id=\"primary\" class=\"content-area\"><main id=\"main\" "
      "class=\"site-main\">";
  const auto& all = teasers();
  for (std::size_t i = 0; i < 6; ++i) {
    html +=
        "<article class=\"post type-post status-publish hentry\"><header "
        "class=\"entry-header\"><h2 class=\"entry-title\"><a href=\"/" +
        std::to_string(i) + "\" rel=\"bookmark\">" + all[i].headline +
        "</a></h2><div class=\"entry-meta\">Posted on <a href=\"/" + std::to_string(i) + "\">" +
        all[i].when +
        "</a> by <a href=\"/author\">Ann</a></div></header><div "
        "class=\"entry-summary\"><p>" +
        all[i].summary +
        " &hellip; <a class=\"more-link\" "
        "href=\"/" +
        std::to_string(i) +
        "\">Continue reading &rarr;</a></p></div><footer "
        "class=\"entry-footer\"><span class=\"cat-links\">Posted in <a href=\"/c\">Walks"
        "</a></span></footer></article>";
  }
  html +=
      "<nav class=\"navigation pagination\"><a class=\"page-numbers\" href=\"/page/2\">2</a>"
      "<a class=\"next page-numbers\" href=\"/page/2\">Older posts</a></nav></main></div>"
      "<aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\"><h2>About</h2>"
      "<p>I walk the hills around Wendford most weekends and write down what I see.</p>"
      "</section></aside></div></div>" +
      site_footer();
  return html;
}

/// A section page built from plain divs: an intro line, then rows of image, title, summary.
inline std::string section_page() {
  std::string html = front_head("Business | The Wendford Courier") + "<body>" + site_header() +
                     "<div class=\"wrapper\"><div class=\"section-intro\"><h1>Business</h1><p>"
                     "News about the firms, shops and jobs of Wendford and the valley, updated "
                     "through the day.</p></div><div class=\"list\">";
  const auto& all = teasers();
  for (std::size_t i = 0; i < all.size(); ++i) {
    html += "<div class=\"item\"><div class=\"thumb\"><a href=\"/b/" + std::to_string(i) +
            "\"><img src=\"/t/" + std::to_string(i) +
            ".jpg\"></a></div><div class=\"text\">"
            "<a class=\"title\" href=\"/b/" +
            std::to_string(i) + "\">" + all[i].headline + "</a><div class=\"summary\">" +
            all[i].summary + "</div><span class=\"date\">" + all[i].when + "</span></div></div>";
  }
  html += "</div><div class=\"load\"><a href=\"?page=2\">Load more stories</a></div></div>" +
          site_footer();
  return html;
}

/// A front page of headlines alone: lists of links under section headings, a welcome line.
inline std::string headlines_page() {
  std::string html = front_head("Wendford Today") + "<body>" + site_header() +
                     "<div id=\"content\"><p class=\"welcome\">Welcome to Wendford Today, the "
                     "valley's news, sport and weather in one place.</p>";
  const auto& all = teasers();
  for (std::size_t section = 0; section < 3; ++section) {
    html += std::string("<div class=\"column\"><h2>") +
            (section == 0   ? "News"
             : section == 1 ? "Sport"
                            : "Business") +
            "</h2><ul>";
    for (std::size_t i = section * 4; i < section * 4 + 4; ++i) {
      html += "<li><a href=\"/s/" + std::to_string(i) + "\">" + all[i].headline +
              "</a> <span class=\"age\">" + all[i].when + "</span></li>";
    }
    html += "</ul></div>";
  }
  html += "</div>" + site_footer();
  return html;
}

/// A magazine home page: a lead story with a long standfirst, then a grid of smaller cards.
inline std::string magazine_front_page() {
  std::string html =
      front_head(
          "Valley Life magazine",
          "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
          "\"@type\":\"WebSite\",\"name\":\"Valley Life\",\"url\":\"https://valley.example\"}"
          "</script>") +
      "<body>" + site_header() +
      "<div class=\"content\"><div class=\"lead-story\"><h2><a "
      "href=\"/lead\">The last ferryman of the Wend</a></h2><div class=\"standfirst\"><p>For "
      "forty years Tomas Reyes has rowed people across the river at the old ford, in fog, in "
      "flood and in the heat of August. Next spring the new bridge opens, and the crossing he "
      "kept alive will close for good. We spent a week in his boat, listening to the people "
      "who still depend on it and to the man himself.</p></div><a class=\"read-more\" "
      "href=\"/lead\">Read the story</a></div><div class=\"grid\">";
  const auto& all = teasers();
  for (std::size_t i = 3; i < 11; ++i) {
    html += "<div class=\"grid-item\"><a href=\"/g/" + std::to_string(i) + "\"><h3>" +
            all[i].headline + "</h3></a><p>" + all[i].summary + "</p></div>";
  }
  html +=
      "</div><div class=\"newsletter\"><h2>Get Valley Life in your inbox</h2><p>Sign up "
      "for our weekly newsletter.</p></div></div>" +
      site_footer();
  return html;
}

}  // namespace narrate::test
