import type { StateCreator } from 'zustand';
import type { QaAskSlice } from './qa-ask.slice';
import type { QaFaqSlice } from './qa-faq.slice';
import type { QaQuestionsSlice } from './qa-questions.slice';

export type QaState = QaAskSlice & QaQuestionsSlice & QaFaqSlice;
export type QaSlice<T> = StateCreator<QaState, [], [], T>;
