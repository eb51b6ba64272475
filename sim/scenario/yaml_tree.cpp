#include "sim/scenario/yaml_tree.hpp"

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace fleetsim::scenario {

const YamlNode* YamlNode::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].text == key) return &items[i];
  }
  return nullptr;
}

YamlNode* YamlNode::find(std::string_view key) {
  return const_cast<YamlNode*>(static_cast<const YamlNode*>(this)->find(key));
}

const YamlNode* YamlNode::find_key(std::string_view key) const {
  for (const YamlNode& k : keys) {
    if (k.text == key) return &k;
  }
  return nullptr;
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::Null:
      return "nothing";
    case Kind::Sequence:
      return "a sequence";
    case Kind::Map:
      return "a mapping";
    case Kind::Scalar:
      break;
  }
  return "'" + text + "'";
}

void stamp(YamlNode& node, const Location& where, const std::string& origin) {
  node.where = where;
  node.origin = origin;
  for (YamlNode& k : node.keys) stamp(k, where, origin);
  for (YamlNode& i : node.items) stamp(i, where, origin);
}

namespace {

/// Builds the tree from parser events: a stack of open sequences and mappings.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string file, std::vector<Diagnostic>& errors)
      : file_(std::move(file)), errors_(errors) {}

  std::optional<YamlNode> take_root() { return std::move(root_); }
  int documents() const { return documents_; }
  int second_document_line() const { return second_line_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 2) second_line_ = mark.line + 1;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode n;
    n.where = at(mark);
    add(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      error(at(mark), path(), "this alias refers to a node that contains it",
            "aliases may only repeat a finished node");
      YamlNode n;
      n.where = at(mark);
      add(std::move(n), 0);
      return;
    }
    add(it->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode n;
    n.kind = YamlNode::Kind::Scalar;
    n.where = at(mark);
    n.text = value;
    n.quoted = tag == "!";
    add(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::Sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::Map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = 0;
    bool want_key = true;     // map: the next node is a key
    bool drop_value = false;  // map: the next value belongs to a rejected key
  };

  Location at(const YAML::Mark& m) const { return {file_, m.line + 1, m.column + 1}; }

  void error(Location where, std::string path, std::string message, std::string hint = {}) {
    errors_.push_back(
        Diagnostic::make(std::move(where), std::move(path), std::move(message), std::move(hint)));
  }

  /// The dotted path of the node being built, for messages.
  std::string path() const {
    std::string p;
    for (const Frame& f : stack_) {
      if (f.node.is_sequence()) {
        p += '[' + std::to_string(f.node.items.size()) + ']';
      } else if (!f.want_key && !f.drop_value && !f.node.keys.empty()) {
        if (!p.empty()) p += '.';
        p += f.node.keys.back().text;
      }
    }
    return p;
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    Frame f;
    f.node.kind = kind;
    f.node.where = at(mark);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(f.node), f.anchor);
  }

  void add(YamlNode n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      if (!root_) root_ = std::move(n);
      return;
    }
    Frame& f = stack_.back();
    if (f.node.is_sequence()) {
      f.node.items.push_back(std::move(n));
      return;
    }
    if (f.want_key) {
      const std::string map_path = path();
      f.want_key = false;
      if (!n.is_scalar()) {
        error(n.where, map_path, "a mapping key must be a plain name, got " + n.describe());
        f.drop_value = true;
        return;
      }
      if (const YamlNode* first = f.node.find_key(n.text)) {
        error(n.where, map_path.empty() ? n.text : map_path + "." + n.text,
              "duplicate key '" + n.text + "' (first given at line " +
                  std::to_string(first->where.line) + ")",
              "remove one of them; YAML keeps only one");
        f.drop_value = true;
        return;
      }
      f.node.keys.push_back(std::move(n));
      return;
    }
    f.want_key = true;
    if (f.drop_value) {
      f.drop_value = false;
      return;
    }
    if (n.is_null()) n.where = f.node.keys.back().where;  // an empty value points at its key
    f.node.items.push_back(std::move(n));
  }

  std::string file_;
  std::vector<Diagnostic>& errors_;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
  std::map<YAML::anchor_t, YamlNode> anchors_;
  int documents_ = 0;
  int second_line_ = 0;
};

/// Tabs in indentation are a classic YAML trap; yaml-cpp's message for them is obscure.
bool check_tabs(std::string_view text, const std::string& file, std::vector<Diagnostic>& errors) {
  int line = 1;
  bool found = false;
  std::size_t i = 0;
  while (i < text.size()) {
    int col = 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      if (text[i] == '\t') {
        errors.push_back(Diagnostic::make({file, line, col}, "", "tab character in indentation",
                                          "YAML indents with spaces only"));
        found = true;
        break;
      }
      ++i;
      ++col;
    }
    while (i < text.size() && text[i] != '\n') ++i;
    ++i;
    ++line;
  }
  return found;
}

}  // namespace

YamlParse parse_yaml(std::string_view text, const std::string& file_name) {
  YamlParse out;
  if (check_tabs(text, file_name, out.errors)) return out;
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file_name, out.errors);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    const Location where{file_name, e.mark.is_null() ? 0 : e.mark.line + 1,
                         e.mark.is_null() ? 0 : e.mark.column + 1};
    out.errors.push_back(
        Diagnostic::make(where, "", "YAML syntax error: " + e.msg,
                         "check the indentation and the brackets/quotes around this place"));
    return out;
  }
  if (builder.documents() > 1) {
    out.errors.push_back(
        Diagnostic::make({file_name, builder.second_document_line(), 1}, "",
                         "a scenario file holds one YAML document, found a second one",
                         "remove the '---' separator"));
  }
  out.root = builder.take_root();
  if (!out.root || out.root->is_null()) {
    out.root.reset();
    out.errors.push_back(Diagnostic::make({file_name, 0, 0}, "", "the file is empty",
                                          "a scenario starts with 'apiVersion: fleetsim/v1'"));
  }
  return out;
}

}  // namespace fleetsim::scenario
