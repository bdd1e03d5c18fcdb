#pragma once

// Internal to majlis_model: the converting reader of payload version 1 (model/payloads.h).
#include "model/payloads.h"

namespace majlis::payload_v1 {

Result<VotePayload> readVote1(const nlohmann::json &payload);
Result<SkipPayload> readSkip1(const nlohmann::json &payload);
Result<AnnotationPayload> readAnnotation1(const nlohmann::json &payload);
Result<DialectJudgmentPayload> readDialectJudgment1(const nlohmann::json &payload);

}  // namespace majlis::payload_v1
