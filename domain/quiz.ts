import type { Quiz } from './ladder';

/** A quiz as the candidate sees it: the questions and choices, never the answers. */
export interface QuizForm {
  passMark: number;
  questions: { id: string; text: string; choices: string[] }[];
}

export function quizForm(quiz: Quiz): QuizForm {
  return { passMark: quiz.passMark, questions: quiz.questions.map(({ id, text, choices }) => ({ id, text, choices })) };
}

/** Answers are indexes into each question's choices; an unanswered question counts as wrong. */
export function gradeQuiz(quiz: Quiz, answers: Record<string, number>): { correct: number; passed: boolean } {
  const correct = quiz.questions.filter((q) => q.choices[answers[q.id] ?? -1] === q.answer).length;
  return { correct, passed: correct >= quiz.passMark };
}
