#pragma once
// A yaml-cpp event handler that records every event, with everything
// yaml-cpp says about it (mark, tag, anchor, text, style), one line each:
// what the YAML fast path's differential test and the loader fuzz target
// compare between yaml-cpp and config/yaml_fast.h. Header-only, for both.

#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

namespace driftcheck::test_support {

class YamlEventRecorder final : public YAML::EventHandler {
 public:
  std::vector<std::string> events;

  void OnDocumentStart(const YAML::Mark& mark) override { Add("DocumentStart", mark); }
  void OnDocumentEnd() override { events.push_back("DocumentEnd"); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add("Null", mark, "", anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add("Alias", mark, "", anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    Add("Scalar", mark, tag, anchor, "[" + text + "]");
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    Add("SequenceStart", mark, tag, anchor, std::to_string(style));
  }
  void OnSequenceEnd() override { events.push_back("SequenceEnd"); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    Add("MapStart", mark, tag, anchor, std::to_string(style));
  }
  void OnMapEnd() override { events.push_back("MapEnd"); }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    Add("Anchor", mark, "", 0, name);
  }

  /// The events as text, a line each.
  std::string Text() const {
    std::string text;
    for (const std::string& event : events) text += event + "\n";
    return text;
  }

 private:
  void Add(const char* kind, const YAML::Mark& mark, const std::string& tag = "",
           YAML::anchor_t anchor = 0, const std::string& text = "") {
    events.push_back(std::string(kind) + " @" + std::to_string(mark.pos) + "=" +
                     std::to_string(mark.line) + ":" + std::to_string(mark.column) + " " + tag +
                     " &" + std::to_string(anchor) + " " + text);
  }
};

}  // namespace driftcheck::test_support
