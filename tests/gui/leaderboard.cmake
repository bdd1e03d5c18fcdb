# The leaderboard view (ui/leaderboardview.*): its GUI test, and a test-only tool that shows the
# view over simulated votes for the screenshots in docs/screenshots (never installed).
majlis_add_test(test_leaderboard_gui
  SOURCES test_leaderboard_gui.cpp votesimulation.h votesimulation.cpp
  LIBS majlis_ui
  LABELS gui)
add_executable(majlis_leaderboard_screenshot EXCLUDE_FROM_ALL leaderboard_screenshot.cpp votesimulation.h votesimulation.cpp)
target_link_libraries(majlis_leaderboard_screenshot PRIVATE majlis_settings majlis_ui)
target_compile_definitions(majlis_leaderboard_screenshot PRIVATE MAJLIS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
