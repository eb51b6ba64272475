#pragma once
/// Queue disciplines: the registry type and the built-ins. A discipline is a
/// model::QueueDiscipline (sim/model/queue_discipline.hpp): after every event that
/// queued a job or freed capacity it decides which pending batch or trace jobs of a zone
/// start, in which order, and what may pass a job that does not fit.

#include "policies/registry.hpp"
#include "sim/model/queue_discipline.hpp"

namespace fleetsim::policies {

using QueueRegistry = Registry<model::QueueDisciplineFactory>;

/// greedy (the model's default), fcfs, easy.
void register_builtin_queue(QueueRegistry& registry);

/// Strict first come, first served: the queue's head blocks everything behind it.
std::unique_ptr<model::QueueDisciplineFactory> make_fcfs_discipline();

/// EASY backfilling (Lifka 1995; Mu'alem & Feitelson 2001): the head job gets a
/// reservation at the earliest time enough resources free up on one host (from the
/// running jobs' estimated ends); a later job may start now if it fits and either ends
/// (by its estimate) before that time or leaves the reservation's resources untouched.
std::unique_ptr<model::QueueDisciplineFactory> make_easy_discipline();

}  // namespace fleetsim::policies
