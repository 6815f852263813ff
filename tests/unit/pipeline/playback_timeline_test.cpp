// unit/pipeline/playback_timeline_test.cpp - mapping the player's timeline back to sentences
#include "pipeline/playback_timeline.hpp"

#include <gtest/gtest.h>

namespace narrate::pipeline {
namespace {

TrackPtr track(std::size_t index, std::int64_t speech, std::int64_t pause, std::int64_t last_loud) {
  auto made = std::make_shared<Track>();
  made->index = index;
  made->audio.samples.assign(static_cast<std::size_t>(speech), 0);
  made->audio.pause_samples = pause;
  made->audio.last_loud = last_loud;
  return made;
}

TEST(Timeline, MapsPositionsToTracksAndOffsets) {
  const TrackPtr a = track(0, 1000, 200, 900);
  const TrackPtr b = track(1, 500, 100, 450);
  Timeline timeline;
  EXPECT_FALSE(timeline.spot_at(0).track);
  timeline.add(0, a, 0, 600);
  timeline.add(600, a, 600, 600);  // contiguous: one stretch
  timeline.add(1200, b, 0, 300);
  EXPECT_EQ(timeline.spot_at(100).track, a);
  EXPECT_EQ(timeline.spot_at(100).offset, 100);
  EXPECT_EQ(timeline.spot_at(1199).offset, 1199);
  EXPECT_EQ(timeline.spot_at(1250).track, b);
  EXPECT_EQ(timeline.spot_at(1250).offset, 50);
  EXPECT_EQ(timeline.spot_at(5000).track, b) << "past the end: the end of the last";
  EXPECT_EQ(timeline.spot_at(5000).offset, 300);
  timeline.drop_before(1250);
  EXPECT_EQ(timeline.front().track, b);
  timeline.drop_before(99999);
  EXPECT_EQ(timeline.front().track, b) << "the last stretch stays";
}

TEST(Timeline, CutsInThePauseAfterTheSentenceWhenMoreIsQueued) {
  const TrackPtr a = track(0, 1000, 200, 900);
  const TrackPtr b = track(1, 500, 100, 450);
  Timeline timeline;
  timeline.add(5000, a, 400, 800);
  EXPECT_FALSE(timeline.cut_after(0, 10)) << "nothing of a later sentence queued";
  timeline.add(5800, b, 0, 200);
  ASSERT_TRUE(timeline.cut_after(0, 10));
  EXPECT_EQ(*timeline.cut_after(0, 10), 5000 + (900 + 10 - 400));
  EXPECT_EQ(*timeline.cut_after(0, 500), 5000 + (1000 - 400)) << "never past the speech";
  EXPECT_FALSE(timeline.cut_after(1, 10));
}

}  // namespace
}  // namespace narrate::pipeline
