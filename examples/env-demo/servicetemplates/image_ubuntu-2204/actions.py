from JumpScale import j

ActionsBase = j.atyourservice.getActionsBaseClass()


class Actions(ActionsBase):

    def configure(self, serviceObj):
        from CloudscalerLibcloud.imageutil import registerImage
        name = 'Ubuntu 22.04 Server x64'
        registerImage(serviceObj, name, 'Linux', 10)
