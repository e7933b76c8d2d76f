import { describe, expect, it } from 'vitest';
import { handedOver } from './handed-over.ts';

describe('handedOver', () => {
  it('names what is missing and which module should have handed it over, until it is set', () => {
    const register = handedOver<{ name: string }>('test register', 'letters');
    expect(() => register.get()).toThrow('no test register: the letters module has not been loaded');
    register.set({ name: 'first' });
    register.set({ name: 'second' });
    expect(register.get()).toEqual({ name: 'second' });
  });
});
