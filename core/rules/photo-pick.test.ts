import { photoPickProblem } from './photo-pick';

describe('photoPickProblem', () => {
  it.each([
    [{ errMsg: 'chooseMedia:fail cancel' }, 'cancelled'],
    [{ errMsg: 'cancel' }, 'cancelled'],
    [{ errMsg: 'abort' }, 'cancelled'],
    [{ errMsg: 'showActionSheet:fail cancel' }, 'cancelled'],
    [{ errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement', errno: 112 }, 'privacy-undeclared'],
    // An older client: the message without errno.
    [{ errMsg: 'chooseImage:fail api scope is not declared in the privacy agreement' }, 'privacy-undeclared'],
    [{ errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 }, 'privacy-declined'],
    // The misspelling some Android clients send.
    [{ errMsg: 'chooseMedia:fail privacy permission is not authroized' }, 'privacy-declined'],
    [{ errMsg: 'chooseMedia:fail auth deny', errno: 103 }, 'permission-denied'],
    [{ errMsg: 'chooseMedia:fail authorize no response' }, 'permission-denied'],
    [{ errMsg: 'chooseMedia:fail system permission denied' }, 'permission-denied'],
    [{ errMsg: 'chooseMedia:fail file not found' }, 'failed'],
    [new Error('boom'), 'failed'],
    [undefined, 'failed'],
    ['chooseMedia:fail cancel', 'failed'],
  ])('%j is %s', (err, problem) => {
    expect(photoPickProblem(err)).toBe(problem);
  });

  it('the errno decides over the message (a privacy failure is never read as a cancel)', () => {
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail cancel', errno: 112 })).toBe('privacy-undeclared');
    expect(photoPickProblem({ errMsg: 'chooseMedia:fail cancel', errno: 104 })).toBe('privacy-declined');
  });
});
