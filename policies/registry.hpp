#pragma once
/// An explicit registry per policy family: name -> (declaration, factory). Built-ins are
/// added by one register_builtin_*() function per family; nothing registers itself from
/// a static constructor, and a duplicate name is an error.

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "policies/params.hpp"

namespace fleetsim::policies {

template <class Product>
class Registry {
 public:
  using Factory = std::function<std::unique_ptr<Product>(const Params&)>;

  explicit Registry(std::string family) : family_(std::move(family)) {}

  void add(PolicyInfo info, Factory make) {
    info.family = family_;
    if (entries_.count(info.name)) {
      throw std::logic_error(family_ + " policy '" + info.name + "' is registered twice");
    }
    const std::string name = info.name;
    entries_.emplace(name, Entry{std::move(info), std::move(make)});
  }

  const std::string& family() const { return family_; }

  std::vector<const PolicyInfo*> list() const {
    std::vector<const PolicyInfo*> out;
    for (const auto& [name, e] : entries_) out.push_back(&e.info);
    return out;
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, e] : entries_) out.push_back(name);
    return out;
  }

  const PolicyInfo* find(const std::string& name) const {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second.info;
  }

  /// Builds the policy a scenario names at `path`; problems go to `errors` and the
  /// result is null when there are any.
  std::unique_ptr<Product> make(const scenario::PolicySpec& spec, const std::string& path,
                                std::vector<scenario::Diagnostic>& errors) const {
    const auto it = entries_.find(spec.name);
    if (it == entries_.end()) {
      errors.push_back({spec.where, path + ".name", "unknown " + family_ + " policy '" + spec.name + "'",
                        scenario::suggest(spec.name, names())});
      return nullptr;
    }
    const std::size_t before = errors.size();
    Params params(spec, it->second.info, path, errors);
    auto product = it->second.make(params);
    return errors.size() == before ? std::move(product) : nullptr;
  }

 private:
  struct Entry {
    PolicyInfo info;
    Factory make;
  };
  std::string family_;
  std::map<std::string, Entry> entries_;
};

/// Describes every policy of a registry, with its parameters, for `fleetsim describe`.
std::string describe_policies(const std::string& family, const std::vector<const PolicyInfo*>& infos);

}  // namespace fleetsim::policies
