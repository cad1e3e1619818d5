/**
 * DOM stand-ins for `@tarojs/components` in jsdom page tests: the same props the pages use
 * (className, onClick, onInput with `detail.value`, data-*), rendered as plain elements.
 */
import { createElement, type PropsWithChildren } from 'react';

type Props = PropsWithChildren<Record<string, unknown>>;

function strip(props: Props): Record<string, unknown> {
  const { hoverClass: _h, children: _c, onInput: _i, onConfirm: _o, mode: _m, range: _r, confirmType: _t, maxlength: _x, ...rest } = props;
  return rest;
}

export const View = (props: Props) => createElement('div', strip(props), props.children);
export const Text = (props: Props) => createElement('span', strip(props), props.children);
export const Image = (props: Props) => createElement('img', strip(props));
export const Input = (props: Props) =>
  createElement('input', {
    ...strip(props),
    value: props.value as string,
    onChange: (e: { target: { value: string } }) => (props.onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
  });
/** The one text area (components/text-area.tsx) as a real <textarea>: typing reaches onInput as Taro's `detail.value`. */
export const Textarea = (props: Props) =>
  createElement('textarea', {
    ...strip(props),
    value: props.value as string,
    onChange: (e: { target: { value: string } }) => (props.onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
  });
export const Picker = (props: Props) => createElement('div', strip(props), props.children);
