"use server";
/** Review session actions: answer a question, fetch the next card, the end-of-session outlook. */
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { AnswerInput, SessionInput } from "@/lib/srs/input";
import { answerQuestion, nextCard, sessionOutlook } from "@/lib/srs/service";

export const answerQuestionAction = authedAction(AnswerInput, (input, { user }) => answerQuestion(user.id, input));

export const nextCardAction = authedAction(SessionInput, (input, { user }) => nextCard(user.id, input));

export const sessionOutlookAction = authedAction(z.object({}), (_input, { user }) => sessionOutlook(user.id));
