import type { StateCreator } from 'zustand';
import type { TicketsDeskSlice } from './tickets-desk.slice';
import type { TicketsDetailSlice } from './tickets-detail.slice';
import type { TicketsListSlice } from './tickets-list.slice';

export type TicketsState = TicketsListSlice & TicketsDetailSlice & TicketsDeskSlice;
export type TicketsSlice<T> = StateCreator<TicketsState, [], [], T>;
