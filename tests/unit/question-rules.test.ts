/**
 * 村民质询: villagers may query what their village posts (村民委员会组织法 art. 32:
 * the supervision committee answers for village affairs; the district answers
 * within ten days); the rate limits keep one sender or a crowd from burying a posting.
 */
import { describe, expect, test } from "vitest";
import {
  answerDueOn,
  countQuestion,
  emptyQuestionCounts,
  publicAskerName,
  questionLimits,
  questionRefusalMessage,
  questionState,
  questionThrottle,
} from "../../app/domain/questions/rules";

describe("the ten-day answer period", () => {
  test("runs to the tenth day after the day asked, across a month's end", () => {
    expect(answerDueOn("2026-03-01")).toBe("2026-03-11");
    expect(answerDueOn("2026-12-28")).toBe("2027-01-07");
  });

  test("a question is waiting through the tenth day and overdue on the eleventh", () => {
    const q = { askedOn: "2026-03-01", answeredOn: null, hidden: false };
    expect(questionState(q, "2026-03-11")).toBe("waiting");
    expect(questionState(q, "2026-03-12")).toBe("overdue");
  });

  test("an answer on the tenth day is on time, on the eleventh late; hidden stays hidden", () => {
    expect(questionState({ askedOn: "2026-03-01", answeredOn: "2026-03-11", hidden: false }, "2026-04-01")).toBe("answered");
    expect(questionState({ askedOn: "2026-03-01", answeredOn: "2026-03-12", hidden: false }, "2026-04-01")).toBe("answered_late");
    expect(questionState({ askedOn: "2026-03-01", answeredOn: null, hidden: true }, "2026-04-01")).toBe("hidden");
  });

  test("the grid's counts: hidden questions are not counted as asked", () => {
    const today = "2026-04-01";
    const counts = [
      { askedOn: "2026-03-01", answeredOn: "2026-03-05", hidden: false },
      { askedOn: "2026-03-01", answeredOn: "2026-03-20", hidden: false },
      { askedOn: "2026-03-01", answeredOn: null, hidden: false },
      { askedOn: "2026-03-30", answeredOn: null, hidden: false },
      { askedOn: "2026-03-30", answeredOn: null, hidden: true },
    ].reduce((c, q) => countQuestion(c, q, today), emptyQuestionCounts());
    expect(counts).toEqual({ asked: 4, answered: 2, onTime: 1, overdue: 1, hidden: 1 });
  });
});

describe("rate limits", () => {
  const now = new Date("2026-03-01T12:00:00+08:00");
  const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

  test("three from one address within an hour, then a wait until the oldest leaves the hour", () => {
    expect(questionThrottle({ fromAddress: [minutesAgo(10), minutesAgo(20)], onPosting: [] }, now)).toBeNull();
    const refused = questionThrottle({ fromAddress: [minutesAgo(10), minutesAgo(20), minutesAgo(50)], onPosting: [] }, now);
    expect(refused).toEqual({ scope: "address", retryAfterSeconds: 10 * 60 });
    expect(questionThrottle({ fromAddress: [minutesAgo(10), minutesAgo(20), minutesAgo(61)], onPosting: [] }, now)).toBeNull();
  });

  test("ten from one address within a day", () => {
    const spread = Array.from({ length: questionLimits.addressPerDay }, (_, i) => minutesAgo(90 + i * 100));
    const refused = questionThrottle({ fromAddress: spread, onPosting: [] }, now);
    expect(refused?.scope).toBe("address");
    expect(questionThrottle({ fromAddress: spread.slice(1), onPosting: [] }, now)).toBeNull();
  });

  test("thirty on one posting within a day, from everyone together", () => {
    const crowd = Array.from({ length: questionLimits.postingPerDay }, (_, i) => minutesAgo(i * 30));
    expect(questionThrottle({ fromAddress: [], onPosting: crowd }, now)?.scope).toBe("posting");
    expect(questionThrottle({ fromAddress: [], onPosting: crowd.slice(1) }, now)).toBeNull();
  });

  test("the messages say how long to wait", () => {
    expect(questionRefusalMessage({ scope: "address", retryAfterSeconds: 600 })).toContain("10 分钟");
    expect(questionRefusalMessage({ scope: "posting", retryAfterSeconds: 5 * 3600 })).toContain("5 小时");
  });
});

test("an asker is named in public by the surname only", () => {
  expect(publicAskerName("陈秀英")).toBe("陈某");
  expect(publicAskerName(" 欧阳明 ")).toBe("欧某");
  expect(publicAskerName("Tom")).toBe("村民");
});
